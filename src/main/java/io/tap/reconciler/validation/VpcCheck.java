package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;
import software.amazon.awssdk.services.ec2.model.VpcState;

/** The region's VPC is available and has an IPv6 block associated. */
final class VpcCheck extends RegionalCheck {

    VpcCheck(String region) {
        super("network.vpc", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String vpcId = outputs.get(region(), OutputKeys.VPC_ID);
        Vpc vpc = aws.ec2(region()).describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0);
        if (vpc.state() != VpcState.AVAILABLE) {
            return Verdict.fail("VPC " + vpcId + " is " + vpc.stateAsString() + ", not available.");
        }
        return vpc.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlockState() != null
                        && a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED)
                .findFirst()
                .map(a -> Verdict.pass("VPC " + vpcId + " is available with IPv6 block " + a.ipv6CidrBlock() + "."))
                .orElseGet(() -> Verdict.fail("VPC " + vpcId + " has no associated IPv6 block."));
    }
}
