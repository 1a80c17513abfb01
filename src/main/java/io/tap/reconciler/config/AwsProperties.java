package io.tap.reconciler.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;

/**
 * How the service's own AWS SDK clients reach AWS ({@code tap.aws}). Credentials always come from
 * the SDK's default chain (web identity under IRSA in Kubernetes); never from this file.
 *
 * @param endpoint       endpoint override for every client (a local emulator in tests), {@code null} for AWS
 * @param apiCallTimeout total time for one API call, retries included
 */
@ConfigurationProperties(prefix = "tap.aws", ignoreUnknownFields = false)
public record AwsProperties(URI endpoint, @DefaultValue("30s") Duration apiCallTimeout) {

    /** Applies region, endpoint override and timeouts to any SDK v2 client builder. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.region(Region.of(region))
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
