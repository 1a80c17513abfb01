package io.tap.reconciler.topology.networking;

import com.pulumi.aws.ec2.EgressOnlyInternetGateway;
import com.pulumi.aws.ec2.EgressOnlyInternetGatewayArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a region's {@link Network}. Subnets are {@code /prefix+4} (16 slots): public subnet of AZ
 * {@code i} is slot {@code i}, private is slot {@code 8+i}; their IPv6 /64s use the same slots in
 * the VPC's Amazon-provided /56.
 */
public final class NetworkBuilder {

    static final int SUBNET_BITS = 4;
    static final int PRIVATE_OFFSET = 8;
    static final int IPV6_SUBNET_BITS = 8;

    private NetworkBuilder() {
    }

    public static Network build(RegionScope s) {
        var vpc = new Vpc(s.logical("vpc"), VpcArgs.builder()
                .cidrBlock(s.region().vpcCidr())
                .assignGeneratedIpv6CidrBlock(true)
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(s.tags(AwsService.VPC, "main"))
                .build(), s.opts());

        var igw = new InternetGateway(s.logical("igw"), InternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(s.tags(AwsService.INTERNET_GATEWAY, "main")).build(), s.opts());
        var eigw = new EgressOnlyInternetGateway(s.logical("eigw"), EgressOnlyInternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(s.tags(AwsService.EGRESS_ONLY_GATEWAY, "main")).build(), s.opts());

        var publicRt = new RouteTable(s.logical("rt-public"), RouteTableArgs.builder()
                .vpcId(vpc.id()).tags(s.tags(AwsService.ROUTE_TABLE, "public")).build(), s.opts());
        new Route(s.logical("route-public-ipv4-default"), RouteArgs.builder()
                .routeTableId(publicRt.id()).destinationCidrBlock("0.0.0.0/0").gatewayId(igw.id()).build(), s.opts());
        new Route(s.logical("route-public-ipv6-default"), RouteArgs.builder()
                .routeTableId(publicRt.id()).destinationIpv6CidrBlock("::/0").gatewayId(igw.id()).build(), s.opts());

        List<Subnet> publics = new ArrayList<>();
        List<Subnet> privates = new ArrayList<>();
        List<NatGateway> nats = new ArrayList<>();
        List<RouteTable> privateRts = new ArrayList<>();
        List<String> zones = s.zones();
        for (int i = 0; i < zones.size(); i++) {
            String az = zones.get(i);
            String suffix = az.substring(az.length() - 1);
            Subnet pub = subnet(s, vpc, "public-" + suffix, az, i);
            Subnet priv = subnet(s, vpc, "private-" + suffix, az, PRIVATE_OFFSET + i);
            publics.add(pub);
            privates.add(priv);
            new RouteTableAssociation(s.logical("rta-public-" + suffix), RouteTableAssociationArgs.builder()
                    .subnetId(pub.id()).routeTableId(publicRt.id()).build(), s.opts());

            var eip = new Eip(s.logical("eip-nat-" + suffix), EipArgs.builder()
                    .domain("vpc").tags(s.tags(AwsService.ELASTIC_IP, "nat-" + suffix)).build(), s.opts(igw));
            var nat = new NatGateway(s.logical("nat-" + suffix), NatGatewayArgs.builder()
                    .allocationId(eip.id()).subnetId(pub.id())
                    .tags(s.tags(AwsService.NAT_GATEWAY, suffix)).build(), s.opts(igw));
            nats.add(nat);

            var rt = new RouteTable(s.logical("rt-private-" + suffix), RouteTableArgs.builder()
                    .vpcId(vpc.id()).tags(s.tags(AwsService.ROUTE_TABLE, "private-" + suffix)).build(), s.opts());
            privateRts.add(rt);
            new Route(s.logical("route-private-" + suffix + "-ipv4-default"), RouteArgs.builder()
                    .routeTableId(rt.id()).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build(), s.opts());
            new Route(s.logical("route-private-" + suffix + "-ipv6-default"), RouteArgs.builder()
                    .routeTableId(rt.id()).destinationIpv6CidrBlock("::/0").egressOnlyGatewayId(eigw.id()).build(), s.opts());
            new RouteTableAssociation(s.logical("rta-private-" + suffix), RouteTableAssociationArgs.builder()
                    .subnetId(priv.id()).routeTableId(rt.id()).build(), s.opts());
        }
        return new Network(s, vpc, List.copyOf(publics), List.copyOf(privates), igw, eigw, List.copyOf(nats),
                publicRt, List.copyOf(privateRts));
    }

    private static Subnet subnet(RegionScope s, Vpc vpc, String identifier, String az, int slot) {
        return new Subnet(s.logical("subnet-" + identifier), SubnetArgs.builder()
                .vpcId(vpc.id())
                .availabilityZone(az)
                .cidrBlock(Cidrs.subnet(s.region().vpcCidr(), SUBNET_BITS, slot))
                .ipv6CidrBlock(vpc.ipv6CidrBlock().applyValue(v6 -> Cidrs.subnet(v6, IPV6_SUBNET_BITS, slot)))
                .assignIpv6AddressOnCreation(true)
                .mapPublicIpOnLaunch(false)
                .tags(s.tags(AwsService.SUBNET, identifier))
                .build(), s.opts());
    }
}
