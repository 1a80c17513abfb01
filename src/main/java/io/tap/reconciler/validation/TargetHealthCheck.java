package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The target group has at least one healthy target in every AZ the ALB is enabled in. */
final class TargetHealthCheck extends RegionalCheck {

    TargetHealthCheck(String region) {
        super("loadbalancer.target-health", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String albArn = outputs.get(region(), OutputKeys.ALB_ARN);
        String targetGroupArn = outputs.get(region(), OutputKeys.TARGET_GROUP_ARN);
        var elb = aws.elb(region());
        Set<String> zones = new TreeSet<>(elb.describeLoadBalancers(r -> r.loadBalancerArns(albArn)).loadBalancers()
                .get(0).availabilityZones().stream().map(AvailabilityZone::zoneName).toList());
        List<TargetHealthDescription> targets = elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
                .targetHealthDescriptions();
        Map<String, String> zoneOf = zonesOf(aws, targets);
        Map<String, Integer> healthyPerZone = new TreeMap<>();
        zones.forEach(z -> healthyPerZone.put(z, 0));
        for (TargetHealthDescription t : targets) {
            if (t.targetHealth().state() == TargetHealthStateEnum.HEALTHY) {
                String zone = zoneOf.get(t.target().id());
                if (zone != null) {
                    healthyPerZone.merge(zone, 1, Integer::sum);
                }
            }
        }
        List<String> empty = healthyPerZone.entrySet().stream().filter(e -> zones.contains(e.getKey()) && e.getValue() == 0)
                .map(Map.Entry::getKey).toList();
        if (!empty.isEmpty()) {
            return Verdict.fail("No healthy target in " + empty + " (" + targets.size() + " registered, "
                    + states(targets) + ").");
        }
        return Verdict.pass("Healthy targets per AZ: " + healthyPerZone + ".");
    }

    /** AZ of each target: reported for IP targets, looked up for instance targets. */
    private Map<String, String> zonesOf(AwsClients aws, List<TargetHealthDescription> targets) {
        Map<String, String> zones = new HashMap<>();
        List<String> instanceIds = new java.util.ArrayList<>();
        for (TargetHealthDescription t : targets) {
            if (t.target().availabilityZone() != null && !"all".equals(t.target().availabilityZone())) {
                zones.put(t.target().id(), t.target().availabilityZone());
            } else if (t.target().id().startsWith("i-")) {
                instanceIds.add(t.target().id());
            }
        }
        if (!instanceIds.isEmpty()) {
            aws.ec2(region()).describeInstancesPaginator(r -> r.instanceIds(instanceIds)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .forEach((Instance i) -> zones.put(i.instanceId(), i.placement().availabilityZone()));
        }
        return zones;
    }

    private static Map<String, Long> states(List<TargetHealthDescription> targets) {
        Map<String, Long> counts = new TreeMap<>();
        targets.forEach(t -> counts.merge(t.targetHealth().stateAsString(), 1L, Long::sum));
        return counts;
    }
}
