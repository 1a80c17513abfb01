package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load-balancer checks against moto. moto serves target health from the instances' states (a stopped
 * instance is {@code unused}), so no WireMock is needed here.
 */
@ExtendWith(MotoExtension.class)
class LoadBalancerChecksIT {

    private static final String REGION = "eu-west-3";

    private static MotoEstate estate;
    private static MotoEstate.Region region;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, REGION);
        region = estate.region(REGION, "10.90.0.0/16").network().securityGroups().loadBalancer();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void anActiveDualStackAlbPasses() {
        CheckResult result = new AlbCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).endsWith("is active and dualstack.");
    }

    @Test
    void anIpv4OnlyAlbFails() {
        String arn = region.elb().createLoadBalancer(r -> r.name("v4-" + region.vpcId.substring(4, 14))
                .subnets(region.publicSubnets).securityGroups(region.albSg).ipAddressType(IpAddressType.IPV4))
                .loadBalancers().get(0).loadBalancerArn();

        CheckResult result = new AlbCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ALB_ARN, arn), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).endsWith("serves ipv4 only, not dual-stack.");
    }

    @Test
    void httpsWithCertificateAndTls12PolicyAndAnHttpRedirectPass() {
        CheckResult result = new AlbListenersCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("ELBSecurityPolicy-TLS13-1-2-2021-06");
    }

    @Test
    void aLegacyTlsPolicyAndAnHttpListenerThatForwardsFail() {
        String arn = region.elb().createLoadBalancer(r -> r.name("weak-" + region.vpcId.substring(4, 14))
                .subnets(region.publicSubnets).securityGroups(region.albSg).ipAddressType(IpAddressType.DUALSTACK))
                .loadBalancers().get(0).loadBalancerArn();
        String cert = region.acm().requestCertificate(r -> r.domainName("weak.tap.example.com")).certificateArn();
        region.elb().createListener(r -> r.loadBalancerArn(arn).protocol(ProtocolEnum.HTTPS).port(443)
                .sslPolicy("ELBSecurityPolicy-2016-08").certificates(c -> c.certificateArn(cert))
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(region.targetGroupArn)));
        region.elb().createListener(r -> r.loadBalancerArn(arn).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(region.targetGroupArn)));

        CheckResult result = new AlbListenersCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ALB_ARN, arn), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("ELBSecurityPolicy-2016-08 which allows [TLSv1, TLSv1.1]")
                .contains("HTTP listener on 80 does not redirect to HTTPS");
    }

    @Test
    void anAlbWithoutHttpsFails() {
        String arn = region.elb().createLoadBalancer(r -> r.name("plain-" + region.vpcId.substring(4, 14))
                .subnets(region.publicSubnets).securityGroups(region.albSg).ipAddressType(IpAddressType.DUALSTACK))
                .loadBalancers().get(0).loadBalancerArn();

        CheckResult result = new AlbListenersCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ALB_ARN, arn), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("no HTTPS listener.");
    }

    @Test
    void aHealthyTargetInEachAzPassesAndAStoppedOneLeavesItsAzEmpty() {
        CheckResult healthy = new TargetHealthCheck(REGION).run(estate.outputs(), aws);
        assertThat(healthy.status()).isEqualTo(CheckStatus.PASS);
        assertThat(healthy.evidence()).isEqualTo("Healthy targets per AZ: {" + REGION + "a=1, " + REGION + "b=1}.");

        String tg = region.elb().createTargetGroup(r -> r.name("tg-stop-" + region.vpcId.substring(4, 12))
                .protocol(ProtocolEnum.HTTP).port(8080).vpcId(region.vpcId)).targetGroups().get(0).targetGroupArn();
        var instances = region.privateSubnets.stream().map(s -> region.ec2().runInstances(r -> r.imageId(MotoEstate.AMI)
                .minCount(1).maxCount(1).subnetId(s)).instances().get(0).instanceId()).toList();
        region.elb().registerTargets(r -> r.targetGroupArn(tg).targets(instances.stream().map(i ->
                software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription.builder().id(i).build()).toList()));
        region.ec2().stopInstances(r -> r.instanceIds(instances.get(1)));

        CheckResult result = new TargetHealthCheck(REGION).run(
                Outputs.with(estate.outputs(), REGION, OutputKeys.TARGET_GROUP_ARN, tg), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("No healthy target in [" + REGION + "b] (2 registered, {healthy=1, unused=1}).");
    }

    @Test
    void securityGroupsAsDesignedPass() {
        CheckResult result = new SecurityGroupsCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void sshOpenOnTheAlbAndTheDatabaseOpenToACidrFail() {
        String alb = region.group("alb-open");
        region.ingress(alb, IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build());
        String db = region.group("db-open");
        region.ingress(db, IpPermission.builder().ipProtocol("tcp").fromPort(5432).toPort(5432)
                .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").build()).build());
        StackOutputs outputs = Outputs.with(Outputs.with(estate.outputs(), REGION, OutputKeys.ALB_SECURITY_GROUP_ID, alb),
                REGION, OutputKeys.DB_SECURITY_GROUP_ID, db);

        CheckResult result = new SecurityGroupsCheck(REGION).run(outputs, aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("ALB group " + alb + " allows tcp 22")
                .contains("DB group " + db + " allows tcp 5432 from [10.0.0.0/8]");
    }

    @Test
    void anAppGroupReachableFromAnythingButTheAlbFails() {
        String app = region.group("app-wide");
        region.ingress(app, MotoEstate.Region.fromGroups(8080, region.albSg, region.lambdaSg));

        CheckResult result = new SecurityGroupsCheck(REGION).run(
                Outputs.with(estate.outputs(), REGION, OutputKeys.APP_SECURITY_GROUP_ID, app), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("app group " + app + " allows tcp 8080 from").contains(region.lambdaSg);
    }
}
