package io.tap.reconciler.validation;

import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

import java.util.ArrayList;
import java.util.List;

/** The automation Lambda runs in the stack's VPC with the expected role. */
final class LambdaCheck extends RegionalCheck {

    LambdaCheck(String region) {
        super("compute.lambda", region, CheckSeverity.WARNING);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String name = outputs.get(region(), OutputKeys.LAMBDA_FUNCTION_NAME);
        String role = outputs.get(region(), OutputKeys.LAMBDA_ROLE_ARN);
        String vpcId = outputs.get(region(), OutputKeys.VPC_ID);
        GetFunctionConfigurationResponse fn = aws.lambda(region()).getFunctionConfiguration(r -> r.functionName(name));
        List<String> problems = new ArrayList<>();
        var vpc = fn.vpcConfig();
        if (vpc == null || vpc.subnetIds().isEmpty()) {
            problems.add("runs outside any VPC");
        } else {
            // Lambda reports the VPC id; emulators may not, so the subnets are authoritative.
            boolean ours = aws.ec2(region()).describeSubnets(r -> r.subnetIds(vpc.subnetIds())).subnets().stream()
                    .allMatch(s -> vpcId.equals(s.vpcId()));
            if (!ours) {
                problems.add("runs in subnets outside VPC " + vpcId);
            }
        }
        if (!role.equals(fn.role())) {
            problems.add("has role " + fn.role() + " instead of " + role);
        }
        return problems.isEmpty() ? Verdict.pass("Lambda " + name + " runs in VPC " + vpcId + " with role " + role + ".")
                : Verdict.fail("Lambda " + name + " " + String.join(", ", problems) + ".");
    }
}
