package io.tap.reconciler.validation;

import io.tap.reconciler.config.AwsProperties;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-region AWS SDK v2 clients for the checks, built on first use, cached, and closed together.
 * All clients share one HTTP connection pool.
 */
public final class AwsClients implements AutoCloseable {

    /** Which settings a client of {@code service} in {@code region} is built with. */
    @FunctionalInterface
    public interface Settings {
        AwsProperties forClient(String service, String region);
    }

    private final Settings settings;
    private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(64).build();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Clients for every service and region built with the same settings. */
    public AwsClients(AwsProperties properties) {
        this((service, region) -> properties);
    }

    /** Clients whose settings may differ per service and region (tests point one at an emulator gap filler). */
    public AwsClients(Settings settings) {
        this.settings = settings;
    }

    public Ec2Client ec2(String region) {
        return client("ec2", region, () -> build(Ec2Client.builder(), "ec2", region));
    }

    public ElasticLoadBalancingV2Client elb(String region) {
        return client("elbv2", region, () -> build(ElasticLoadBalancingV2Client.builder(), "elbv2", region));
    }

    public RdsClient rds(String region) {
        return client("rds", region, () -> build(RdsClient.builder(), "rds", region));
    }

    public S3Client s3(String region) {
        return client("s3", region, () -> {
            AwsProperties p = settings.forClient("s3", region);
            // Emulators serve buckets by path, not by virtual host.
            return p.configure(S3Client.builder(), region).httpClient(http)
                    .forcePathStyle(p.endpoint() != null).build();
        });
    }

    public DynamoDbClient dynamodb(String region) {
        return client("dynamodb", region, () -> build(DynamoDbClient.builder(), "dynamodb", region));
    }

    public SecretsManagerClient secretsManager(String region) {
        return client("secretsmanager", region, () -> build(SecretsManagerClient.builder(), "secretsmanager", region));
    }

    public CloudWatchClient cloudWatch(String region) {
        return client("cloudwatch", region, () -> build(CloudWatchClient.builder(), "cloudwatch", region));
    }

    public CloudTrailClient cloudTrail(String region) {
        return client("cloudtrail", region, () -> build(CloudTrailClient.builder(), "cloudtrail", region));
    }

    public ConfigClient config(String region) {
        return client("config", region, () -> build(ConfigClient.builder(), "config", region));
    }

    public SnsClient sns(String region) {
        return client("sns", region, () -> build(SnsClient.builder(), "sns", region));
    }

    public AutoScalingClient autoScaling(String region) {
        return client("autoscaling", region, () -> build(AutoScalingClient.builder(), "autoscaling", region));
    }

    public LambdaClient lambda(String region) {
        return client("lambda", region, () -> build(LambdaClient.builder(), "lambda", region));
    }

    /** Number of clients built so far. */
    int size() {
        return clients.size();
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(String service, String region, Supplier<C> factory) {
        if (closed) {
            throw new IllegalStateException("AWS clients are closed");
        }
        return (C) clients.computeIfAbsent(service + "/" + region, k -> factory.get());
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C>
    C build(B builder, String service, String region) {
        settings.forClient(service, region).configure(builder, region);
        builder.httpClient(http);
        return builder.build();
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(SdkClient::close);
        clients.clear();
        http.close();
    }
}
