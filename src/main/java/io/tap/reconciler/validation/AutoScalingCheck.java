package io.tap.reconciler.validation;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;

/** The ASG has at least its minimum of instances InService and healthy. */
final class AutoScalingCheck extends RegionalCheck {

    AutoScalingCheck(String region) {
        super("compute.asg", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String name = outputs.get(region(), OutputKeys.ASG_NAME);
        var groups = aws.autoScaling(region()).describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups();
        if (groups.isEmpty()) {
            return Verdict.fail("Auto-scaling group " + name + " does not exist.");
        }
        AutoScalingGroup group = groups.get(0);
        long inService = group.instances().stream().filter(i -> i.lifecycleState() == LifecycleState.IN_SERVICE
                && "Healthy".equalsIgnoreCase(i.healthStatus())).count();
        if (inService < group.minSize() || inService == 0) {
            return Verdict.fail("Auto-scaling group " + name + " has " + inService + " healthy InService instances, below "
                    + "its minimum " + group.minSize() + " (" + group.instances().size() + " in total).");
        }
        return Verdict.pass("Auto-scaling group " + name + " has " + inService + " healthy InService instances (min "
                + group.minSize() + ").");
    }
}
