package io.tap.reconciler.topology.networking;

import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.VpcPeeringConnection;
import com.pulumi.aws.ec2.VpcPeeringConnectionAccepter;
import com.pulumi.aws.ec2.VpcPeeringConnectionAccepterArgs;
import com.pulumi.aws.ec2.VpcPeeringConnectionArgs;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;

import java.util.ArrayList;
import java.util.List;

/**
 * Full-mesh inter-region VPC peering: for every pair (earlier region requests, later accepts),
 * the connection, its accepter in the peer region, and IPv4 and IPv6 routes to the peer in every
 * route table on both sides.
 */
public final class PeeringMesh {

    /** One peered pair. */
    public record Peering(Network requester, Network accepter, VpcPeeringConnection connection,
                          VpcPeeringConnectionAccepter acceptance) {

        /** {@code <requester>-to-<accepter>}, used in names and output keys. */
        public String pairName() {
            return requester.scope().name() + "-to-" + accepter.scope().name();
        }
    }

    private PeeringMesh() {
    }

    public static List<Peering> build(List<Network> networks) {
        var peerings = new ArrayList<Peering>();
        for (int i = 0; i < networks.size(); i++) {
            for (int j = i + 1; j < networks.size(); j++) {
                peerings.add(peer(networks.get(i), networks.get(j)));
            }
        }
        return List.copyOf(peerings);
    }

    private static Peering peer(Network a, Network b) {
        RegionScope sa = a.scope();
        RegionScope sb = b.scope();
        String id = "to-" + sb.name();
        var connection = new VpcPeeringConnection(sa.logical("pcx-" + id), VpcPeeringConnectionArgs.builder()
                .vpcId(a.vpc().id())
                .peerVpcId(b.vpc().id())
                .peerRegion(sb.name())
                .peerOwnerId(sb.accountId())
                .autoAccept(false)
                .tags(sa.tags(AwsService.PEERING, id))
                .build(), sa.opts());
        var acceptance = new VpcPeeringConnectionAccepter(sb.logical("pcx-accept-from-" + sa.name()),
                VpcPeeringConnectionAccepterArgs.builder()
                        .vpcPeeringConnectionId(connection.id())
                        .autoAccept(true)
                        .tags(sb.tags(AwsService.PEERING, "from-" + sa.name()))
                        .build(), sb.opts());
        var peering = new Peering(a, b, connection, acceptance);
        routes(a, b, peering);
        routes(b, a, peering);
        return peering;
    }

    /** Routes in every route table of {@code from} to {@code to}'s blocks, once the peering is active. */
    private static void routes(Network from, Network to, Peering peering) {
        RegionScope s = from.scope();
        String peer = to.scope().name();
        List<RouteTable> tables = from.routeTables();
        for (int k = 0; k < tables.size(); k++) {
            String table = k == 0 ? "public" : "private-" + s.zones().get(k - 1).substring(s.name().length());
            RouteTable rt = tables.get(k);
            new Route(s.logical("route-" + table + "-ipv4-" + peer), RouteArgs.builder()
                    .routeTableId(rt.id())
                    .destinationCidrBlock(to.cidr())
                    .vpcPeeringConnectionId(peering.connection().id())
                    .build(), s.opts(peering.acceptance()));
            new Route(s.logical("route-" + table + "-ipv6-" + peer), RouteArgs.builder()
                    .routeTableId(rt.id())
                    .destinationIpv6CidrBlock(to.vpc().ipv6CidrBlock())
                    .vpcPeeringConnectionId(peering.connection().id())
                    .build(), s.opts(peering.acceptance()));
        }
    }
}
