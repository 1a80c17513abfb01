package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Security groups as designed: the ALB takes only 443 (and 80, which only redirects), the app only
 * from the ALB's group, the database only 5432 from the app and Lambda groups.
 */
final class SecurityGroupsCheck extends RegionalCheck {

    private static final Set<Integer> ALB_PORTS = Set.of(443, 80);
    private static final int DB_PORT = 5432;

    SecurityGroupsCheck(String region) {
        super("loadbalancer.security-groups", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String alb = outputs.get(region(), OutputKeys.ALB_SECURITY_GROUP_ID);
        String app = outputs.get(region(), OutputKeys.APP_SECURITY_GROUP_ID);
        String db = outputs.get(region(), OutputKeys.DB_SECURITY_GROUP_ID);
        String lambda = outputs.get(region(), OutputKeys.LAMBDA_SECURITY_GROUP_ID);
        // The secret-rotation Lambda connects to the database too, when the stack has one.
        String rotation = outputs.find(region(), OutputKeys.ROTATION_SECURITY_GROUP_ID).orElse(null);
        Set<String> dbSources = rotation == null ? Set.of(app, lambda) : Set.of(app, lambda, rotation);
        Map<String, SecurityGroup> groups = aws.ec2(region()).describeSecurityGroups(r -> r.groupIds(alb, app, db, lambda))
                .securityGroups().stream().collect(Collectors.toMap(SecurityGroup::groupId, Function.identity()));
        List<String> problems = new ArrayList<>();
        for (IpPermission p : groups.get(alb).ipPermissions()) {
            if (!"tcp".equals(p.ipProtocol()) || p.fromPort() == null || !p.fromPort().equals(p.toPort())
                    || !ALB_PORTS.contains(p.fromPort())) {
                problems.add("ALB group " + alb + " allows " + range(p));
            }
        }
        for (IpPermission p : groups.get(app).ipPermissions()) {
            if (hasCidrs(p) || !onlyFrom(p, Set.of(alb))) {
                problems.add("app group " + app + " allows " + range(p) + " from " + sources(p) + ", not only the ALB group");
            }
        }
        for (IpPermission p : groups.get(db).ipPermissions()) {
            if (hasCidrs(p) || !onlyFrom(p, dbSources)) {
                problems.add("DB group " + db + " allows " + range(p) + " from " + sources(p) + ", not only the app and Lambda groups");
            } else if (!"tcp".equals(p.ipProtocol()) || !Integer.valueOf(DB_PORT).equals(p.fromPort())
                    || !Integer.valueOf(DB_PORT).equals(p.toPort())) {
                problems.add("DB group " + db + " allows " + range(p) + ", not only " + DB_PORT);
            }
        }
        return Verdict.of(problems, "ALB takes 443/80 only, app only from the ALB group, DB only 5432 from app and Lambda.");
    }

    private static boolean hasCidrs(IpPermission p) {
        return !p.ipRanges().isEmpty() || !p.ipv6Ranges().isEmpty() || !p.prefixListIds().isEmpty();
    }

    private static boolean onlyFrom(IpPermission p, Set<String> allowed) {
        return !p.userIdGroupPairs().isEmpty()
                && p.userIdGroupPairs().stream().map(UserIdGroupPair::groupId).allMatch(allowed::contains);
    }

    private static String range(IpPermission p) {
        if ("-1".equals(p.ipProtocol())) {
            return "all traffic";
        }
        return p.ipProtocol() + " " + (p.fromPort() != null && p.fromPort().equals(p.toPort())
                ? p.fromPort() : p.fromPort() + "-" + p.toPort());
    }

    private static List<String> sources(IpPermission p) {
        List<String> sources = new ArrayList<>();
        p.ipRanges().forEach(r -> sources.add(r.cidrIp()));
        p.ipv6Ranges().forEach(r -> sources.add(r.cidrIpv6()));
        p.userIdGroupPairs().forEach(g -> sources.add(g.groupId()));
        return sources;
    }
}
