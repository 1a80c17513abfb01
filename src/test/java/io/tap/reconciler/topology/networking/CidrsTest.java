package io.tap.reconciler.topology.networking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrsTest {

    @Test
    void ipv4Subnets() {
        assertThat(Cidrs.subnet("10.10.0.0/16", 4, 0)).isEqualTo("10.10.0.0/20");
        assertThat(Cidrs.subnet("10.10.0.0/16", 4, 9)).isEqualTo("10.10.144.0/20");
        assertThat(Cidrs.subnet("192.168.4.0/24", 4, 15)).isEqualTo("192.168.4.240/28");
    }

    @Test
    void ipv6SubnetsUseCanonicalText() {
        assertThat(Cidrs.subnet("2600:1f13:f7a7:f00::/56", 8, 0)).isEqualTo("2600:1f13:f7a7:f00::/64");
        assertThat(Cidrs.subnet("2600:1f13:f7a7:f00::/56", 8, 9)).isEqualTo("2600:1f13:f7a7:f09::/64");
        assertThat(Cidrs.subnet("2001:db8::/56", 8, 255)).isEqualTo("2001:db8:0:ff::/64");
        assertThat(Cidrs.subnet("2001:0:0:1::/56", 8, 0)).isEqualTo("2001:0:0:1::/64");
    }

    @Test
    void rejectsSubnetsThatDoNotFit() {
        assertThatThrownBy(() -> Cidrs.subnet("10.0.0.0/30", 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidrs.subnet("10.0.0.0/16", 4, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidrs.subnet("not-an-ip/16", 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
