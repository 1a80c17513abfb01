package io.tap.reconciler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the tap-reconciler service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TapReconcilerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TapReconcilerApplication.class, args);
    }
}
