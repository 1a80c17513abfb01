package io.tap.reconciler.bench;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiffKind;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.PropertyDiff;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.engine.EngineEventMapper;
import io.tap.reconciler.support.pulumi.EngineEvents;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the engine events of a preview with 10,000 resource steps, each a 5-property update, into a
 * {@link DriftReport}. Prints the median wall time and the bytes allocated per run (this thread).
 * Args: runs (default 15), warm-ups (default 5).
 */
public final class EngineEventMappingBench {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<EngineEvent> events = events(10_000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < warmups; i++) run(events);
        long[] nanos = new long[runs];
        long[] bytes = new long[runs];
        int entries = 0;
        for (int i = 0; i < runs; i++) {
            long b0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            entries = run(events).resources().size();
            nanos[i] = System.nanoTime() - t0;
            bytes[i] = threads.getThreadAllocatedBytes(tid) - b0;
        }
        Arrays.sort(nanos);
        Arrays.sort(bytes);
        System.out.printf("events=%d entries=%d median=%.1f ms min=%.1f ms allocated(median)=%.1f MB%n",
                events.size(), entries, nanos[runs / 2] / 1e6, nanos[0] / 1e6, bytes[runs / 2] / 1e6);
    }

    static DriftReport run(List<EngineEvent> events) {
        EngineEventMapper mapper = EngineEventMapper.forPreview();
        events.forEach(mapper);
        return DriftReport.merge("bench", Instant.EPOCH, mapper.drifts());
    }

    static List<EngineEvent> events(int resources) {
        List<EngineEvent> out = new ArrayList<>(resources + 1);
        String type = "aws:ec2/securityGroup:SecurityGroup";
        for (int r = 0; r < resources; r++) {
            String urn = "urn:pulumi:prod::tap::" + type + "::sg-" + r;
            Map<String, Object> oldIn = new LinkedHashMap<>();
            Map<String, Object> newIn = new LinkedHashMap<>();
            Map<String, PropertyDiff> diff = new LinkedHashMap<>();
            oldIn.put("description", "web tier " + r);
            newIn.put("description", "web tier " + r + " (v2)");
            diff.put("description", EngineEvents.input(DiffKind.UPDATE));
            oldIn.put("tags", Map.of("Owner", "platform-team", "CostCenter", "CC-1042", "Name", "PROD-sg-" + r));
            newIn.put("tags", Map.of("Owner", "sre", "CostCenter", "CC-2001", "Name", "PROD-sg-" + r));
            diff.put("tags.Owner", EngineEvents.input(DiffKind.UPDATE));
            diff.put("tags.CostCenter", EngineEvents.input(DiffKind.UPDATE));
            oldIn.put("ingress", List.of(Map.of("fromPort", 443.0, "cidrBlocks", List.of("10.0.0.0/8"))));
            newIn.put("ingress", List.of(Map.of("fromPort", 8443.0, "cidrBlocks", List.of("10.10.0.0/16"))));
            diff.put("ingress[0].fromPort", EngineEvents.input(DiffKind.UPDATE));
            diff.put("ingress[0].cidrBlocks", EngineEvents.input(DiffKind.UPDATE));
            out.add(EngineEvents.pre(EngineEvents.step(OperationType.UPDATE, urn, type,
                    EngineEvents.state(urn, type, oldIn, Map.of()), EngineEvents.state(urn, type, newIn, Map.of()), diff)));
        }
        out.add(EngineEvents.summary(Map.of(OperationType.UPDATE, resources)));
        return out;
    }
}
