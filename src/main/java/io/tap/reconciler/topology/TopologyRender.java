package io.tap.reconciler.topology;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the TAP program in process against {@link OfflineMocks}: no AWS credentials, no pulumi CLI.
 * This is how the offline render, the tests and the benchmark see the desired estate.
 */
public final class TopologyRender {

    /**
     * The outcome of one offline run.
     *
     * @param resources every registration, in order
     * @param outputs   the stack outputs, resolved
     */
    public record Result(List<OfflineMocks.Registration> resources, Map<String, Object> outputs) {

        /** The registrations of one type. */
        public List<OfflineMocks.Registration> ofType(String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toList();
        }

        /** The registrations of one type in one region. */
        public List<OfflineMocks.Registration> ofType(String type, String region) {
            return resources.stream().filter(r -> r.type().equals(type) && region.equals(r.region())).toList();
        }

        /** The registration with this logical name. */
        public OfflineMocks.Registration named(String logicalName) {
            return resources.stream().filter(r -> r.name().equals(logicalName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no resource named " + logicalName));
        }

        /** The render document: one entry per resource with type, logical and physical name, region, tags. */
        public Map<String, Object> document() {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("resourceCount", resources.size());
            doc.put("resources", resources.stream().map(r -> {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("type", r.type());
                entry.put("logicalName", r.name());
                entry.put("physicalName", r.physicalName());
                entry.put("region", r.region());
                entry.put("tags", new TreeMap<>(r.tags()));
                return entry;
            }).toList());
            doc.put("outputs", new TreeMap<>(outputs));
            return doc;
        }
    }

    private TopologyRender() {
    }

    /**
     * Runs the program for {@code spec} under mocks.
     *
     * @throws InvalidTopologyException when the spec is invalid (nothing is registered)
     * @throws IllegalStateException    when the program fails
     */
    public static synchronized Result run(TopologySpec spec) {
        var program = TapStack.program(spec);
        var mocks = new OfflineMocks();
        PulumiTest.cleanup();
        try {
            TestResult result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder().projectName("tap").stackName("offline").preview(false).build())
                    .runTest(program);
            if (result.exitCode() != 0 || !result.exceptions().isEmpty() || !result.errors().isEmpty()) {
                var failure = new IllegalStateException("the TAP program failed under mocks: " + result.errors()
                        + " " + result.exceptions());
                result.exceptions().forEach(failure::addSuppressed);
                throw failure;
            }
            var outputs = new LinkedHashMap<String, Object>();
            result.outputs().forEach((k, v) -> outputs.put(k, PulumiTest.extractValue(v)));
            return new Result(mocks.registrations(), outputs);
        } finally {
            PulumiTest.cleanup();
        }
    }
}
