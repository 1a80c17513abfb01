package io.tap.reconciler.topology.networking;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Subnet arithmetic, like Terraform's {@code cidrsubnet}, for IPv4 and IPv6. */
public final class Cidrs {

    private Cidrs() {
    }

    /** The {@code index}th subnet of {@code cidr} that is {@code newBits} longer. */
    public static String subnet(String cidr, int newBits, int index) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        byte[] bytes = address(parts[0]);
        int width = bytes.length * 8;
        int newPrefix = prefix + newBits;
        if (newPrefix > width || index < 0 || index >= (1 << newBits)) {
            throw new IllegalArgumentException("no subnet " + index + " of /" + newPrefix + " in " + cidr);
        }
        BigInteger base = new BigInteger(1, bytes);
        BigInteger net = base.add(BigInteger.valueOf(index).shiftLeft(width - newPrefix));
        return format(net, bytes.length) + "/" + newPrefix;
    }

    private static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static String format(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        if (length == 4) {
            return (bytes[0] & 255) + "." + (bytes[1] & 255) + "." + (bytes[2] & 255) + "." + (bytes[3] & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 255) << 8) | (bytes[2 * i + 1] & 255);
        }
        // RFC 5952: the longest run (of at least two) of zero groups becomes "::".
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
