package io.tap.reconciler.topology.naming;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceNamesTest {

    private final ResourceNames names = new ResourceNames("PROD");

    @Test
    void followsTheConvention() {
        assertThat(names.physical(AwsService.SNS_TOPIC, "alerts", "us-east-1")).isEqualTo("PROD-sns-alerts-us-east-1");
        assertThat(names.physical(AwsService.VPC, "main", "ap-south-1")).isEqualTo("PROD-vpc-main-ap-south-1");
    }

    @Test
    void lowercaseWhereAwsRequiresIt() {
        assertThat(names.physical(AwsService.S3_BUCKET, "Tap_Data", "us-west-2")).isEqualTo("prod-s3-tap-data-us-west-2");
        assertThat(names.physical(AwsService.RDS_INSTANCE, "Main--DB", "us-east-1")).isEqualTo("prod-rds-main-db-us-east-1");
        assertThat(names.physical(AwsService.RDS_PARAMETER_GROUP, "main", "us-east-1")).isEqualTo("prod-pg-main-us-east-1");
    }

    @Test
    void invalidCharactersBecomeSingleHyphens() {
        assertThat(names.physical(AwsService.LOAD_BALANCER, "web_.app", "us-east-1")).isEqualTo("PROD-alb-web-app-us-east-1");
        assertThat(names.physical(AwsService.LAMBDA, "a b", "us-east-1")).isEqualTo("PROD-lambda-a-b-us-east-1");
        assertThat(names.physical(AwsService.IAM_ROLE, "svc+x@y", "us-east-1")).isEqualTo("PROD-role-svc+x@y-us-east-1");
    }

    @Test
    void longNamesAreShortenedDeterministicallyKeepingTheRegion() {
        String alb = names.physical(AwsService.LOAD_BALANCER, "customer-facing-web", "ap-southeast-2");
        assertThat(alb).hasSizeLessThanOrEqualTo(32).startsWith("PROD-alb-").endsWith("-ap-southeast-2")
                .matches("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?").doesNotContain("--");
        assertThat(names.physical(AwsService.LOAD_BALANCER, "customer-facing-web", "ap-southeast-2")).isEqualTo(alb);
        String other = names.physical(AwsService.LOAD_BALANCER, "customer-facing-wex", "ap-southeast-2");
        assertThat(other).hasSizeLessThanOrEqualTo(32).isNotEqualTo(alb);

        String tg = names.physical(AwsService.TARGET_GROUP, "a-very-long-target-group", "us-east-1");
        assertThat(tg).hasSizeLessThanOrEqualTo(32).endsWith("-us-east-1").doesNotContain("--");

        String role = names.physical(AwsService.IAM_ROLE, "x".repeat(80), "eu-central-1");
        assertThat(role).hasSize(64).endsWith("-eu-central-1");
        String fn = names.physical(AwsService.LAMBDA, "automation-".repeat(8), "us-west-2");
        assertThat(fn).hasSizeLessThanOrEqualTo(64).endsWith("-us-west-2").doesNotContain("--");

        String bucket = names.physical(AwsService.S3_BUCKET, "Data".repeat(20), "us-east-1");
        assertThat(bucket).hasSizeLessThanOrEqualTo(63).isLowerCase().matches("[a-z0-9][a-z0-9-]*[a-z0-9]");
        String db = names.physical(AwsService.RDS_INSTANCE, "replica-".repeat(10), "ap-south-1");
        assertThat(db).hasSizeLessThanOrEqualTo(63).isLowerCase().startsWith("prod-rds-").doesNotContain("--");
    }

    @Test
    void theHashIsOfTheFullName() {
        String full = "PROD-alb-customer-facing-web-ap-southeast-2";
        assertThat(names.physical(AwsService.LOAD_BALANCER, "customer-facing-web", "ap-southeast-2"))
                .contains("-" + ResourceNames.hash(full) + "-");
        assertThat(ResourceNames.hash(full)).hasSize(ResourceNames.HASH_LENGTH).matches("[0-9a-f]+");
    }

    @Test
    void everyServiceDeclaresItsRules() {
        for (AwsService s : AwsService.values()) {
            assertThat(s.token()).matches("[a-z0-9]+");
            assertThat(s.maxLength()).isBetween(32, 512);
            String name = names.physical(s, "identifier", "us-east-1");
            assertThat(name).hasSizeLessThanOrEqualTo(s.maxLength());
            assertThat(name.equals(name.toLowerCase())).isEqualTo(s.lowercase());
        }
    }

    @Test
    void tagsCarryTheRequiredKeysAndName() {
        var tags = new Tags("PROD", "team", "CC-1", "TAP");
        assertThat(tags.required()).containsOnlyKeys(Tags.REQUIRED);
        assertThat(tags.named("n")).containsEntry("Name", "n").containsEntry("Owner", "team").hasSize(5);
    }
}
