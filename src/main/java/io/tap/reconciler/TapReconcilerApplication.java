package io.tap.reconciler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the tap-reconciler service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TapReconcilerApplication {

    public static void main(String[] args) {
        if (RenderCommand.isRequested(args)) {
            System.exit(RenderCommand.run(args, System.out));
        }
        SpringApplication.run(TapReconcilerApplication.class, args);
    }
}
