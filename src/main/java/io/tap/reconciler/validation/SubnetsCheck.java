package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockStateCode;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every subnet of the VPC is dual-stack, and they span at least two availability zones. */
final class SubnetsCheck extends RegionalCheck {

    private static final Set<SubnetCidrBlockStateCode> GONE = EnumSet.of(SubnetCidrBlockStateCode.DISASSOCIATING,
            SubnetCidrBlockStateCode.DISASSOCIATED, SubnetCidrBlockStateCode.FAILING, SubnetCidrBlockStateCode.FAILED);

    SubnetsCheck(String region) {
        super("network.subnets", region, CheckSeverity.WARNING);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String vpcId = outputs.get(region(), OutputKeys.VPC_ID);
        List<Subnet> subnets = aws.ec2(region()).describeSubnetsPaginator(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpcId).build())).subnets().stream().toList();
        if (subnets.isEmpty()) {
            return Verdict.fail("VPC " + vpcId + " has no subnets.");
        }
        List<String> ipv4Only = subnets.stream().filter(s -> !dualStack(s)).map(Subnet::subnetId).sorted().toList();
        Set<String> zones = new TreeSet<>(subnets.stream().map(Subnet::availabilityZone).toList());
        if (!ipv4Only.isEmpty()) {
            return Verdict.fail("Subnets without an IPv6 block in VPC " + vpcId + ": " + ipv4Only + ".");
        }
        if (zones.size() < 2) {
            return Verdict.fail("The " + subnets.size() + " subnets of VPC " + vpcId + " are all in " + zones + ".");
        }
        return Verdict.pass(subnets.size() + " dual-stack subnets in " + zones.size() + " AZs " + zones + ".");
    }

    private static boolean dualStack(Subnet subnet) {
        // Unknown states (newer API values) count as associated: only explicit removal disqualifies.
        return subnet.ipv6CidrBlockAssociationSet().stream().anyMatch(a -> a.ipv6CidrBlock() != null
                && (a.ipv6CidrBlockState() == null || !GONE.contains(a.ipv6CidrBlockState().state())));
    }
}
