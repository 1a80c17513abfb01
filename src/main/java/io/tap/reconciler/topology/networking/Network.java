package io.tap.reconciler.topology.networking;

import com.pulumi.aws.ec2.EgressOnlyInternetGateway;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.Vpc;
import io.tap.reconciler.topology.RegionScope;

import java.util.ArrayList;
import java.util.List;

/**
 * One region's dual-stack network: the VPC, a public and a private subnet per AZ, the gateways and
 * the route tables (one public, one private per AZ so each AZ egresses through its own NAT).
 */
public record Network(RegionScope scope, Vpc vpc, List<Subnet> publicSubnets, List<Subnet> privateSubnets,
                      InternetGateway internetGateway, EgressOnlyInternetGateway egressOnlyGateway,
                      List<NatGateway> natGateways, RouteTable publicRouteTable, List<RouteTable> privateRouteTables) {

    /** Every route table of the VPC (peering routes go into all of them). */
    public List<RouteTable> routeTables() {
        var all = new ArrayList<RouteTable>();
        all.add(publicRouteTable);
        all.addAll(privateRouteTables);
        return all;
    }

    /** The configured IPv4 block. */
    public String cidr() {
        return scope.region().vpcCidr();
    }
}
