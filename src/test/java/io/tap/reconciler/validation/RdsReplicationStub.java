package io.tap.reconciler.validation;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.support.aws.MotoServer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Fills moto's RDS gap: moto never reports a read replica's {@code StatusInfos} ("read replication":
 * replicating / error), which the replica check reads. This WireMock server speaks the RDS Query
 * protocol (form-encoded POST, XML answer, shaped from the DescribeDBInstances API reference): it answers
 * DescribeDBInstances for the stubbed replicas itself and proxies every other RDS call to moto.
 */
public final class RdsReplicationStub implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final MotoServer moto;

    public RdsReplicationStub(MotoServer moto) {
        this.moto = moto;
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    }

    /** Describes {@code replicaId} as an available replica of {@code sourceId} whose replication is {@code status}. */
    public RdsReplicationStub replica(String replicaId, String sourceId, String parameterGroup, String status) {
        String xml = """
                <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBInstancesResult>
                    <DBInstances>
                      <DBInstance>
                        <DBInstanceIdentifier>%1$s</DBInstanceIdentifier>
                        <DBInstanceClass>db.r6g.large</DBInstanceClass>
                        <Engine>postgres</Engine>
                        <DBInstanceStatus>available</DBInstanceStatus>
                        <ReadReplicaSourceDBInstanceIdentifier>%2$s</ReadReplicaSourceDBInstanceIdentifier>
                        <StatusInfos>
                          <DBInstanceStatusInfo>
                            <StatusType>read replication</StatusType>
                            <Normal>%4$s</Normal>
                            <Status>%5$s</Status>
                          </DBInstanceStatusInfo>
                        </StatusInfos>
                        <StorageEncrypted>true</StorageEncrypted>
                        <PubliclyAccessible>false</PubliclyAccessible>
                        <DBParameterGroups>
                          <DBParameterGroup>
                            <DBParameterGroupName>%3$s</DBParameterGroupName>
                            <ParameterApplyStatus>in-sync</ParameterApplyStatus>
                          </DBParameterGroup>
                        </DBParameterGroups>
                      </DBInstance>
                    </DBInstances>
                  </DescribeDBInstancesResult>
                  <ResponseMetadata><RequestId>4b7c2a52-0c4f-4e0f-9a3e-7d0f0e6c1b11</RequestId></ResponseMetadata>
                </DescribeDBInstancesResponse>
                """.formatted(replicaId, sourceId, parameterGroup, "replicating".equals(status), status);
        server.stubFor(post(anyUrl()).atPriority(1)
                .withRequestBody(containing("Action=DescribeDBInstances"))
                .withRequestBody(containing("DBInstanceIdentifier=" + URLEncoder.encode(replicaId, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml)));
        return this;
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** Client settings: RDS through this stub, every other service straight to moto. */
    public AwsClients.Settings settings() {
        AwsProperties rds = new AwsProperties(endpoint(), Duration.ofSeconds(10));
        return (service, region) -> "rds".equals(service) ? rds : moto.awsProperties();
    }

    @Override
    public void close() {
        server.stop();
    }
}
