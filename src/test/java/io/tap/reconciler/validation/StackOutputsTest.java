package io.tap.reconciler.validation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackOutputsTest {

    private static final String JSON = """
            {"primaryRegion": "us-west-2",
             "us-east-1": {"vpcId": "vpc-1", "vpcCidr": "10.10.0.0/16", "natGatewayIds": ["nat-1", "nat-2"], "empty": ""},
             "us-west-2": {"vpcId": "vpc-2", "vpcCidr": "10.20.0.0/16", "dbSecretArn": "[secret]", "nothing": null},
             "ap-south-1": {"vpcId": "vpc-3", "vpcCidr": "10.30.0.0/16"},
             "albDnsNames": {"note": "not a region"}}
            """;

    private final StackOutputs outputs = StackOutputs.fromJson(JSON);

    @Test
    void regionsAreTheRegionNamedObjectsWithThePrimaryFirst() {
        assertThat(outputs.primaryRegion()).isEqualTo("us-west-2");
        assertThat(outputs.regions()).containsExactly("us-west-2", "ap-south-1", "us-east-1");
    }

    @Test
    void valuesListsAndTheOtherRegionsAreRead() {
        assertThat(outputs.get("us-east-1", OutputKeys.VPC_ID)).isEqualTo("vpc-1");
        assertThat(outputs.list("us-east-1", OutputKeys.NAT_GATEWAY_IDS)).containsExactly("nat-1", "nat-2");
        assertThat(outputs.list("us-west-2", OutputKeys.VPC_ID)).containsExactly("vpc-2");
        assertThat(outputs.others("us-east-1", OutputKeys.VPC_CIDR))
                .containsExactly(java.util.Map.entry("us-west-2", "10.20.0.0/16"), java.util.Map.entry("ap-south-1", "10.30.0.0/16"));
        assertThat(outputs.find("us-west-2", "nothing")).isEmpty();
    }

    @Test
    void aMissingBlankOrStructuredValueIsAMissingOutputNamingRegionAndKey() {
        assertThatThrownBy(() -> outputs.get("ap-south-1", OutputKeys.ALB_ARN))
                .isInstanceOf(StackOutputs.MissingOutputException.class)
                .hasMessage("Stack output ap-south-1.albArn is missing.");
        assertThatThrownBy(() -> outputs.get("us-east-1", "empty")).hasMessage("Stack output us-east-1.empty is missing.");
        assertThatThrownBy(() -> outputs.get("us-east-1", OutputKeys.NAT_GATEWAY_IDS)).hasMessageContaining("not a single value");
        assertThatThrownBy(() -> outputs.get("eu-west-1", OutputKeys.VPC_ID))
                .hasMessage("Stack outputs have no object for region eu-west-1.");
    }

    @Test
    void invalidJsonOrANonObjectIsRejectedClearly() {
        assertThatThrownBy(() -> StackOutputs.fromJson("{nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stack outputs are not valid JSON");
        assertThatThrownBy(() -> StackOutputs.fromJson("[1]")).hasMessage("stack outputs must be a JSON object");
    }

    @Test
    void withoutAPrimaryRegionTheCatalogueReportsOneErrorInsteadOfTheCrossRegionChecks() {
        StackOutputs noPrimary = StackOutputs.fromJson("{\"us-east-1\": {\"vpcId\": \"vpc-1\"}}");

        List<ValidationCheck> checks = new ValidationCatalog(io.tap.reconciler.config.ValidationProperties.defaults(),
                java.time.Clock.systemUTC()).checks(noPrimary);

        assertThat(checks).filteredOn(c -> c.name().equals("outputs")).singleElement()
                .satisfies(c -> assertThat(c.run(noPrimary, null).evidence()).isEqualTo("Stack output primaryRegion is missing."));
        assertThat(checks).noneMatch(c -> c.name().equals("storage.replication"));
    }

    @Test
    void theCatalogueRunsTheRegionalSetEverywhereTheTrailWhereExportedAndTheProbeOnlyWhenOptedIn() {
        var props = io.tap.reconciler.config.ValidationProperties.defaults();
        var optedIn = new io.tap.reconciler.config.ValidationProperties(true, 4, props.checkTimeout(), true,
                props.probePrefix(), props.replicationBound(), props.probePollInterval(), props.maxReplicaLag(),
                props.rotationGrace(), props.expectedConfigRules());
        StackOutputs withTrail = Outputs.with(outputs, "us-west-2", OutputKeys.CLOUDTRAIL_NAME, "trail");

        List<ValidationCheck> defaults = new ValidationCatalog(props, java.time.Clock.systemUTC()).checks(withTrail);
        List<ValidationCheck> probing = new ValidationCatalog(optedIn, java.time.Clock.systemUTC()).checks(withTrail);

        assertThat(defaults).hasSize(3 * 21 + 2);
        assertThat(defaults).filteredOn(c -> c.name().equals("monitoring.cloudtrail")).extracting(ValidationCheck::region)
                .containsExactly("us-west-2");
        assertThat(defaults).noneMatch(c -> c.name().equals("storage.replication-probe"));
        assertThat(probing).filteredOn(c -> c.name().equals("storage.replication-probe")).extracting(ValidationCheck::region)
                .containsExactly("us-west-2");
    }
}
