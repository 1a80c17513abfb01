package io.tap.reconciler.compliance;

import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One AWS Config client per region, built on first use and kept for the life of the service.
 * Every client shares {@code tap.aws} (endpoint, call timeout) and an explicit retry strategy: the SDK's
 * standard strategy with {@code tap.compliance.max-attempts} and exponential backoff with jitter, a longer
 * base for throttling. AccessDenied and other client errors are not retried by that strategy.
 */
final class ConfigClients implements AutoCloseable {

    private static final Set<String> KNOWN_REGIONS = Region.regions().stream().map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    private final AwsProperties aws;
    private final ComplianceProperties properties;
    private final AwsCredentialsProvider credentials;
    private final Map<String, ConfigClient> clients = new ConcurrentHashMap<>();

    /**
     * @param credentials credentials for every client; {@code null} means the SDK's default chain
     *                    (web identity under IRSA in Kubernetes)
     */
    ConfigClients(AwsProperties aws, ComplianceProperties properties, AwsCredentialsProvider credentials) {
        this.aws = aws;
        this.properties = properties;
        this.credentials = credentials;
    }

    /** True when the SDK knows the region; an unknown one is refused before any call is made. */
    static boolean isKnownRegion(String region) {
        return KNOWN_REGIONS.contains(region);
    }

    /** The client of a known region. */
    ConfigClient forRegion(String region) {
        if (!isKnownRegion(region)) {
            throw new IllegalArgumentException("unknown AWS region '" + region + "'");
        }
        return clients.computeIfAbsent(region, this::build);
    }

    /** The retry strategy every client uses. */
    RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(properties.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(properties.retryBaseDelay(),
                        properties.retryMaxBackoff()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(properties.throttlingBaseDelay(),
                        properties.retryMaxBackoff()))
                .build();
    }

    private ConfigClient build(String region) {
        ConfigClientBuilder builder = aws.configure(ConfigClient.builder(), region);
        ClientOverrideConfiguration shared = builder.overrideConfiguration();
        builder.overrideConfiguration(shared.toBuilder().retryStrategy(retryStrategy()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(ConfigClient::close);
        clients.clear();
    }
}
