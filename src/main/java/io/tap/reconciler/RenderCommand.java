package io.tap.reconciler;

import io.tap.reconciler.config.TopologyConfiguration;
import io.tap.reconciler.topology.InvalidTopologyException;
import io.tap.reconciler.topology.Json;
import io.tap.reconciler.topology.TopologyRender;
import io.tap.reconciler.topology.TopologySpec;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code render}: prints the desired TAP resources as JSON (type, logical and physical name,
 * region, tags; then the stack outputs) and exits. The program runs in process against Pulumi's
 * mock monitor, so it needs neither AWS credentials nor the pulumi CLI. Only the configuration is
 * loaded (the usual {@code application.yml} lookup and overrides): no web server, scheduler or
 * database starts.
 *
 * <p>Exit codes: 0 rendered, 2 invalid configuration (each problem is reported with its property
 * path), 1 any other failure.
 */
final class RenderCommand {

    static final String NAME = "render";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID_CONFIGURATION = 2;

    private RenderCommand() {
    }

    static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Renders to {@code json}; everything else (logs, problems) goes to {@code System.err}. */
    static int run(String[] args, PrintStream json) {
        PrintStream stdout = System.out;
        // Logging and libraries write to System.out; keep the JSON document alone on its stream.
        System.setOut(System.err);
        try {
            TopologySpec spec;
            try (var context = configuration(Arrays.copyOfRange(args, 1, args.length))) {
                spec = context.getBean(TopologySpec.class);
            }
            json.println(Json.write(TopologyRender.run(spec).document()));
            json.flush();
            return OK;
        } catch (RuntimeException e) {
            InvalidTopologyException invalid = find(e);
            if (invalid != null) {
                System.err.println("render: " + invalid.getMessage());
                return INVALID_CONFIGURATION;
            }
            System.err.println("render failed: " + e);
            e.printStackTrace(System.err);
            return FAILED;
        } finally {
            System.setOut(stdout);
        }
    }

    /** A context with only the topology configuration: no web server, no auto-configuration. */
    static ConfigurableApplicationContext configuration(String[] springArgs) {
        return new SpringApplicationBuilder(RenderConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "spring.main.register-shutdown-hook=false")
                .run(springArgs);
    }

    private static InvalidTopologyException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidTopologyException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /** Only the topology binding: no auto-configuration, no component scan. */
    @Configuration(proxyBeanMethods = false)
    @Import(TopologyConfiguration.class)
    static class RenderConfiguration {
    }
}
