package io.tap.reconciler.validation;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReasonCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * For every other region: an active peering connection to its VPC CIDR, and a route to that CIDR
 * through it in each private route table.
 */
final class PeeringCheck extends RegionalCheck {

    PeeringCheck(String region) {
        super("network.peering", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String vpcId = outputs.get(region(), OutputKeys.VPC_ID);
        List<String> routeTableIds = outputs.list(region(), OutputKeys.PRIVATE_ROUTE_TABLE_IDS);
        Map<String, String> peerCidrs = outputs.others(region(), OutputKeys.VPC_CIDR);
        if (peerCidrs.isEmpty()) {
            return Verdict.pass("Single-region stack: no peering expected.");
        }
        Ec2Client ec2 = aws.ec2(region());
        List<VpcPeeringConnection> connections = Stream.of("requester-vpc-info.vpc-id", "accepter-vpc-info.vpc-id")
                .flatMap(f -> ec2.describeVpcPeeringConnectionsPaginator(r -> r.filters(
                        Filter.builder().name(f).values(vpcId).build())).vpcPeeringConnections().stream())
                .toList();
        List<RouteTable> tables = routeTableIds.isEmpty() ? List.of()
                : ec2.describeRouteTables(r -> r.routeTableIds(routeTableIds)).routeTables();
        List<String> problems = new ArrayList<>();
        if (tables.isEmpty()) {
            problems.add("no private route tables are exported");
        }
        for (var peer : peerCidrs.entrySet()) {
            String cidr = peer.getValue();
            Optional<VpcPeeringConnection> pcx = connections.stream()
                    .filter(c -> cidr.equals(otherSide(c, vpcId)))
                    .min((a, b) -> Boolean.compare(!active(a), !active(b)));
            if (pcx.isEmpty()) {
                problems.add("no peering connection to " + peer.getKey() + " (" + cidr + ")");
                continue;
            }
            if (!active(pcx.get())) {
                problems.add("peering " + pcx.get().vpcPeeringConnectionId() + " to " + peer.getKey() + " is "
                        + pcx.get().status().codeAsString());
                continue;
            }
            for (RouteTable table : tables) {
                boolean routed = table.routes().stream().anyMatch(route -> cidr.equals(route.destinationCidrBlock())
                        && pcx.get().vpcPeeringConnectionId().equals(route.vpcPeeringConnectionId())
                        && route.state() != RouteState.BLACKHOLE);
                if (!routed) {
                    problems.add("route table " + table.routeTableId() + " has no route to " + cidr + " via "
                            + pcx.get().vpcPeeringConnectionId());
                }
            }
        }
        return Verdict.of(problems, "Active peering to " + peerCidrs.keySet() + ", routed in "
                + tables.size() + " private route tables.");
    }

    private static boolean active(VpcPeeringConnection c) {
        return c.status() != null && c.status().code() == VpcPeeringConnectionStateReasonCode.ACTIVE;
    }

    private static String otherSide(VpcPeeringConnection c, String vpcId) {
        var requester = c.requesterVpcInfo();
        var accepter = c.accepterVpcInfo();
        if (requester != null && vpcId.equals(requester.vpcId())) {
            return accepter == null ? null : accepter.cidrBlock();
        }
        return requester == null ? null : requester.cidrBlock();
    }
}
