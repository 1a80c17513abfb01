package io.tap.reconciler.topology.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one function that makes physical names: {@code {ENV}-{service}-{identifier}-{region}},
 * fitted to the target service's rules. Characters the service rejects become hyphens, hyphens
 * never repeat, lowercase services get a lowercase name, and a name that is too long keeps its
 * start and its region and gets a short hash of the full name in between, so shortening is
 * deterministic and two long names never collide by truncation.
 */
public final class ResourceNames {

    static final int HASH_LENGTH = 6;

    private final String environment;

    public ResourceNames(String environment) {
        this.environment = environment;
    }

    /** The physical name of {@code identifier} of {@code service} in {@code region}. */
    public String physical(AwsService service, String identifier, String region) {
        String full = environment + "-" + service.token() + "-" + identifier + "-" + region;
        String name = clean(service, full);
        if (name.length() <= service.maxLength()) {
            return name;
        }
        String suffix = "-" + hash(full) + "-" + clean(service, region);
        String head = name.substring(0, service.maxLength() - suffix.length());
        return head.replaceAll("-+$", "") + suffix;
    }

    private static String clean(AwsService service, String text) {
        String s = service.lowercase() ? text.toLowerCase(Locale.ROOT) : text;
        return service.invalid().matcher(s).replaceAll("-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
