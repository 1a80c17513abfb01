package io.tap.reconciler.bench;

import io.tap.reconciler.topology.TopologyRender;
import io.tap.reconciler.topology.TopologySpec;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to evaluate the full TAP topology under Pulumi mocks for 1, 3 and 6 regions (2 AZs each):
 * median wall-clock and median process CPU time of {@code runs} evaluations after {@code warmup}
 * discarded ones, all in one JVM. CPU time is reported because the dev machine is shared: it is
 * what the evaluation costs regardless of how long it waited for a core.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.tap.reconciler.bench.TopologyEvaluationBench [runs] [warmup]</pre>
 */
public final class TopologyEvaluationBench {

    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "ap-south-1", "eu-west-1", "eu-central-1",
            "ap-southeast-2");

    private TopologyEvaluationBench() {
    }

    static TopologySpec spec(int regions) {
        var list = new ArrayList<TopologySpec.Region>();
        for (int i = 0; i < regions; i++) {
            list.add(new TopologySpec.Region(REGIONS.get(i), "10." + (10 * (i + 1)) + ".0.0/16", 2));
        }
        return new TopologySpec("PROD", "platform-team", "CC-1042", "TAP", REGIONS.get(0), null, list, null, null, null, null);
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < warmup; i++) {
            TopologyRender.run(spec(3));
        }
        System.out.printf("%-8s %10s %14s %14s %16s%n", "regions", "resources", "median wall ms", "median CPU ms", "wall ms/resource");
        for (int regions : new int[] {1, 3, 6}) {
            long[] wall = new long[runs];
            long[] cpu = new long[runs];
            int resources = 0;
            for (int i = 0; i < runs; i++) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                resources = TopologyRender.run(spec(regions)).resources().size();
                wall[i] = (System.nanoTime() - t0) / 1_000_000;
                cpu[i] = (os.getProcessCpuTime() - c0) / 1_000_000;
            }
            long w = median(wall);
            System.out.printf("%-8d %10d %14d %14d %16.1f%n", regions, resources, w, median(cpu), (double) w / resources);
        }
        System.out.printf("load average during the run: %.1f on %d cores%n", os.getSystemLoadAverage(), os.getAvailableProcessors());
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
