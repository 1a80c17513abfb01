package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB and Secrets Manager checks against moto. */
@ExtendWith(MotoExtension.class)
class DataSecretsChecksIT {

    private static final String REGION = "eu-west-3";

    private static MotoEstate estate;
    private static MotoEstate.Region region;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, REGION);
        region = estate.region(REGION, "10.94.0.0/16").table().secret();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void aTableWithKmsEncryptionAndPitrPasses() {
        CheckResult result = new DynamoTableCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aTableWithTheDefaultKeyAndNoPitrFails() {
        String table = region.physical("dynamodb", "plain");
        region.dynamodb().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));

        CheckResult result = new DynamoTableCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.SESSIONS_TABLE_NAME, table), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Table " + table + ": SSE-KMS is off (AWS-owned key), point-in-time recovery is DISABLED.");
    }

    @Test
    void aRotatingSecretWithinItsPeriodPassesWithoutItsValueInTheEvidence() {
        CheckResult result = new SecretRotationCheck(REGION, Duration.ofDays(1), Clock.systemUTC()).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("rotates every 30 days").doesNotContain("arranged");
    }

    @Test
    void aSecretWithRotationDisabledFails() {
        String arn = region.secrets().createSecret(r -> r.name(region.physical("secret", "static")).secretString("s3cr3t-value"))
                .arn();

        CheckResult result = new SecretRotationCheck(REGION, Duration.ofDays(1), Clock.systemUTC())
                .run(Outputs.with(estate.outputs(), REGION, OutputKeys.DB_SECRET_ARN, arn), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Secret " + region.physical("secret", "static") + " has rotation disabled.")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void aSecretNotRotatedForLongerThanItsPeriodPlusGraceFails() {
        // moto cannot backdate a rotation: the same secret, judged 32 days later, is overdue.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(32));

        CheckResult result = new SecretRotationCheck(REGION, Duration.ofDays(1), later).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("never rotated, created 32 days ago, beyond its 30-day period plus 24h grace");
    }

    @Test
    void anUnknownSecretIsAnErrorWithTheAwsCode() {
        CheckResult result = new SecretRotationCheck(REGION, Duration.ofDays(1), Clock.systemUTC()).run(Outputs.with(
                estate.outputs(), REGION, OutputKeys.DB_SECRET_ARN, "arn:aws:secretsmanager:" + REGION + ":"
                        + MotoServer.ACCOUNT_ID + ":secret:nope-AbCdEf"), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.evidence()).contains("ResourceNotFoundException");
    }
}
