package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;

import java.util.List;

/** Every exported NAT gateway is available. */
final class NatGatewaysCheck extends RegionalCheck {

    NatGatewaysCheck(String region) {
        super("network.nat-gateways", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        List<String> ids = outputs.list(region(), OutputKeys.NAT_GATEWAY_IDS);
        if (ids.isEmpty()) {
            return Verdict.fail("The stack exports no NAT gateways.");
        }
        List<NatGateway> gateways = aws.ec2(region()).describeNatGateways(r -> r.natGatewayIds(ids)).natGateways();
        List<String> problems = gateways.stream().filter(g -> g.state() != NatGatewayState.AVAILABLE)
                .map(g -> g.natGatewayId() + " is " + g.stateAsString()).sorted().toList();
        if (gateways.size() < ids.size()) {
            return Verdict.fail("Only " + gateways.size() + " of " + ids.size() + " NAT gateways exist.");
        }
        return Verdict.of(problems, ids.size() + " NAT gateways available.");
    }
}
