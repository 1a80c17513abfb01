package io.tap.reconciler.topology.security;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.networking.Network;

/**
 * Least-privilege security groups, one rule per resource so that each is visible (and drift is
 * attributed) on its own. Groups have no inline rules, so AWS's default allow-all egress is removed.
 * <ul>
 *   <li>ALB: 443 and 80 from anywhere (IPv4 and IPv6); egress only to the app group on the app port.</li>
 *   <li>app: the app port only from the ALB group; egress HTTPS (updates, AWS APIs) and 5432 to the DB group.</li>
 *   <li>DB: 5432 only from the app and automation Lambda groups; no egress.</li>
 *   <li>Lambdas: no ingress; egress HTTPS, and (automation only) 5432 to the DB group.</li>
 * </ul>
 * No group allows SSH.
 */
public final class SecurityGroups {

    public static final int HTTPS = 443;
    public static final int HTTP = 80;
    public static final int POSTGRES = 5432;

    /** The region's groups. */
    public record Groups(SecurityGroup alb, SecurityGroup app, SecurityGroup db, SecurityGroup lambda,
                         SecurityGroup rotation) {
    }

    private SecurityGroups() {
    }

    public static Groups build(RegionScope s, Network net) {
        int appPort = s.spec().compute().appPort();
        var alb = group(s, net, "alb", "Public HTTPS entry (HTTP only redirects)");
        var app = group(s, net, "app", "Application instances, reachable only from the ALB");
        var db = group(s, net, "db", "PostgreSQL, reachable only from the app and automation Lambda");
        var lambda = group(s, net, "lambda", "Automation Lambda");
        var rotation = group(s, net, "rotation", "Secret rotation Lambda");

        for (String cidr : new String[] {"0.0.0.0/0", "::/0"}) {
            String family = cidr.contains(":") ? "ipv6" : "ipv4";
            ingressFromCidr(s, alb, "alb-https-" + family, HTTPS, cidr);
            ingressFromCidr(s, alb, "alb-http-" + family, HTTP, cidr);
            egressToCidr(s, app, "app-https-" + family, HTTPS, cidr);
            egressToCidr(s, lambda, "lambda-https-" + family, HTTPS, cidr);
            egressToCidr(s, rotation, "rotation-https-" + family, HTTPS, cidr);
        }
        egressToGroup(s, alb, "alb-to-app", appPort, app);
        ingressFromGroup(s, app, "app-from-alb", appPort, alb);
        egressToGroup(s, app, "app-to-db", POSTGRES, db);
        egressToGroup(s, lambda, "lambda-to-db", POSTGRES, db);
        ingressFromGroup(s, db, "db-from-app", POSTGRES, app);
        ingressFromGroup(s, db, "db-from-lambda", POSTGRES, lambda);
        return new Groups(alb, app, db, lambda, rotation);
    }

    private static SecurityGroup group(RegionScope s, Network net, String id, String description) {
        return new SecurityGroup(s.logical("sg-" + id), SecurityGroupArgs.builder()
                .name(s.physical(AwsService.SECURITY_GROUP, id))
                .description(description)
                .vpcId(net.vpc().id())
                .tags(s.tags(AwsService.SECURITY_GROUP, id))
                .build(), s.opts());
    }

    private static void ingressFromCidr(RegionScope s, SecurityGroup sg, String id, int port, String cidr) {
        var b = SecurityGroupIngressRuleArgs.builder().securityGroupId(sg.id()).ipProtocol("tcp")
                .fromPort(port).toPort(port).description(id).tags(s.tags(AwsService.SECURITY_GROUP, "rule-" + id));
        if (cidr.contains(":")) {
            b.cidrIpv6(cidr);
        } else {
            b.cidrIpv4(cidr);
        }
        new SecurityGroupIngressRule(s.logical("sgr-in-" + id), b.build(), s.opts());
    }

    private static void egressToCidr(RegionScope s, SecurityGroup sg, String id, int port, String cidr) {
        var b = SecurityGroupEgressRuleArgs.builder().securityGroupId(sg.id()).ipProtocol("tcp")
                .fromPort(port).toPort(port).description(id).tags(s.tags(AwsService.SECURITY_GROUP, "rule-" + id));
        if (cidr.contains(":")) {
            b.cidrIpv6(cidr);
        } else {
            b.cidrIpv4(cidr);
        }
        new SecurityGroupEgressRule(s.logical("sgr-out-" + id), b.build(), s.opts());
    }

    private static void ingressFromGroup(RegionScope s, SecurityGroup sg, String id, int port, SecurityGroup source) {
        new SecurityGroupIngressRule(s.logical("sgr-in-" + id), SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(sg.id()).referencedSecurityGroupId(source.id()).ipProtocol("tcp")
                .fromPort(port).toPort(port).description(id)
                .tags(s.tags(AwsService.SECURITY_GROUP, "rule-" + id)).build(), s.opts());
    }

    private static void egressToGroup(RegionScope s, SecurityGroup sg, String id, int port, SecurityGroup target) {
        new SecurityGroupEgressRule(s.logical("sgr-out-" + id), SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(sg.id()).referencedSecurityGroupId(target.id()).ipProtocol("tcp")
                .fromPort(port).toPort(port).description(id)
                .tags(s.tags(AwsService.SECURITY_GROUP, "rule-" + id)).build(), s.opts());
    }
}
