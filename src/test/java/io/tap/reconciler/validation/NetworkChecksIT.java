package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Network checks against moto: VPC, subnets, peering and routes, NAT gateways, flow logs. */
@ExtendWith(MotoExtension.class)
class NetworkChecksIT {

    private static final String EAST = "eu-west-3";
    private static final String NORTH = "eu-north-1";

    private static MotoEstate estate;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, EAST);
        estate.region(EAST, "10.80.0.0/16").network().natGateway().flowLogs();
        estate.region(NORTH, "10.81.0.0/16").network();
        estate.peerAll();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void aDualStackAvailableVpcPasses() {
        CheckResult result = new VpcCheck(EAST).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(estate.region(EAST).vpcId).contains("IPv6");
    }

    @Test
    void aVpcWithoutAnIpv6BlockFails() {
        String ipv4Only = estate.region(EAST).ec2().createVpc(r -> r.cidrBlock("10.82.0.0/16")).vpc().vpcId();

        CheckResult result = new VpcCheck(EAST).run(Outputs.with(estate.outputs(), EAST, OutputKeys.VPC_ID, ipv4Only), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("VPC " + ipv4Only + " has no associated IPv6 block.");
    }

    @Test
    void anUnknownVpcIsAnErrorWithTheAwsErrorCodeNotAVerdict() {
        CheckResult result = new VpcCheck(EAST).run(
                Outputs.with(estate.outputs(), EAST, OutputKeys.VPC_ID, "vpc-0000000000000dead"), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.evidence()).contains("InvalidVpcID.NotFound");
    }

    @Test
    void dualStackSubnetsInTwoZonesPass() {
        CheckResult result = new SubnetsCheck(EAST).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).startsWith("4 dual-stack subnets in 2 AZs");
    }

    @Test
    void anIpv4OnlySubnetFails() {
        var east = estate.region(EAST);
        String vpc = east.ec2().createVpc(r -> r.cidrBlock("10.83.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc().vpcId();
        String legacy = east.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.83.1.0/24").availabilityZone(EAST + "a"))
                .subnet().subnetId();
        east.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.83.2.0/24").availabilityZone(EAST + "b"));

        CheckResult result = new SubnetsCheck(EAST).run(Outputs.with(estate.outputs(), EAST, OutputKeys.VPC_ID, vpc), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("without an IPv6 block").contains(legacy);
    }

    @Test
    void activePeeringWithRoutesBothWaysPassesInEachRegion() {
        assertThat(new PeeringCheck(EAST).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        CheckResult north = new PeeringCheck(NORTH).run(estate.outputs(), aws);

        assertThat(north.status()).isEqualTo(CheckStatus.PASS);
        assertThat(north.evidence()).contains(EAST);
    }

    @Test
    void aPeeringConnectionNotYetAcceptedFails(MotoServer moto) {
        try (MotoEstate pending = new MotoEstate(moto, EAST)) {
            var a = pending.region(EAST, "10.84.0.0/16").network();
            var b = pending.region(NORTH, "10.85.0.0/16").network();
            String pcx = a.peerWith(b, false);

            CheckResult result = new PeeringCheck(EAST).run(pending.outputs(), aws);

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.evidence()).contains(pcx).contains("pending-acceptance");
        }
    }

    @Test
    void anActivePeeringWithoutARouteInAPrivateTableFails(MotoServer moto) {
        try (MotoEstate unrouted = new MotoEstate(moto, EAST)) {
            var a = unrouted.region(EAST, "10.86.0.0/16").network();
            var b = unrouted.region(NORTH, "10.87.0.0/16").network();
            a.peerWith(b, true);
            a.ec2().deleteRoute(r -> r.routeTableId(a.privateRouteTable).destinationCidrBlock("10.87.0.0/16"));

            CheckResult east = new PeeringCheck(EAST).run(unrouted.outputs(), aws);
            CheckResult north = new PeeringCheck(NORTH).run(unrouted.outputs(), aws);

            assertThat(east.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(east.evidence()).contains(a.privateRouteTable).contains("no route to 10.87.0.0/16");
            assertThat(north.status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void anAvailableNatGatewayPassesAndADeletedOneFails() {
        var east = estate.region(EAST);
        assertThat(new NatGatewaysCheck(EAST).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);

        String eip = east.ec2().allocateAddress(r -> r.domain(software.amazon.awssdk.services.ec2.model.DomainType.VPC)).allocationId();
        String nat = east.ec2().createNatGateway(r -> r.subnetId(east.publicSubnets.get(1)).allocationId(eip))
                .natGateway().natGatewayId();
        east.ec2().deleteNatGateway(r -> r.natGatewayId(nat));
        List<String> both = List.of(estate.outputs().list(EAST, OutputKeys.NAT_GATEWAY_IDS).get(0), nat);

        CheckResult result = new NatGatewaysCheck(EAST).run(
                Outputs.with(estate.outputs(), EAST, OutputKeys.NAT_GATEWAY_IDS, both), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo(nat + " is deleted.");
    }

    @Test
    void anActiveDeliveringFlowLogPasses() {
        CheckResult result = new FlowLogsCheck(EAST).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("is active");
    }

    @Test
    void aVpcWithoutFlowLogsFailsAndOneWhoseDeliveryFailsToo() {
        var north = estate.region(NORTH);
        CheckResult none = new FlowLogsCheck(NORTH).run(estate.outputs(), aws);

        north.ec2().createFlowLogs(r -> r.resourceIds(north.vpcId).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                .logGroupName("no-such-group-" + north.vpcId)
                .deliverLogsPermissionArn("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/flow-logs"));
        CheckResult failing = new FlowLogsCheck(NORTH).run(estate.outputs(), aws);

        assertThat(none.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(none.evidence()).isEqualTo("VPC " + north.vpcId + " has no flow log.");
        assertThat(failing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(failing.evidence()).contains("No flow log").contains("FAILED");
    }
}
