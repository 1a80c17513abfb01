package io.tap.reconciler.validation;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;

/** The ALB is active and dual-stack. */
final class AlbCheck extends RegionalCheck {

    AlbCheck(String region) {
        super("loadbalancer.alb", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String arn = outputs.get(region(), OutputKeys.ALB_ARN);
        LoadBalancer lb = aws.elb(region()).describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0);
        if (lb.state() == null || lb.state().code() != LoadBalancerStateEnum.ACTIVE) {
            return Verdict.fail("ALB " + lb.loadBalancerName() + " is "
                    + (lb.state() == null ? "in no state" : lb.state().codeAsString()) + ", not active.");
        }
        if (lb.ipAddressType() != IpAddressType.DUALSTACK
                && lb.ipAddressType() != IpAddressType.DUALSTACK_WITHOUT_PUBLIC_IPV4) {
            return Verdict.fail("ALB " + lb.loadBalancerName() + " serves " + lb.ipAddressTypeAsString()
                    + " only, not dual-stack.");
        }
        return Verdict.pass("ALB " + lb.loadBalancerName() + " is active and " + lb.ipAddressTypeAsString() + ".");
    }
}
