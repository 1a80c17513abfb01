package io.tap.reconciler.api;

import io.tap.reconciler.config.ApiSecurityProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API tokens, kept only as SHA-256 digests. A presented token is hashed and
 * compared with every entry in constant time, so neither timing nor early exit reveals a prefix.
 * Error messages name the property and the entry number, never a token.
 */
final class ApiTokens {

    /** Shorter tokens are refused at start-up: they could be guessed. */
    static final int MIN_TOKEN_LENGTH = 24;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private record Entry(ApiPrincipal principal, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads both sources.
     *
     * @throws IllegalStateException naming the property path and entry number of each bad entry
     */
    static ApiTokens from(ApiSecurityProperties properties) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        parse("tap.security.tokens", properties.tokens(), entries, problems);
        Path file = properties.tokensFile();
        if (file != null) {
            try {
                parse("tap.security.tokens-file (" + file + ")", Files.readString(file, StandardCharsets.UTF_8),
                        entries, problems);
            } catch (IOException | RuntimeException e) {
                problems.add("tap.security.tokens-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.principal().name())) {
                problems.add("tap.security: the token name '" + e.principal().name() + "' is used twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid API token configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new ApiTokens(entries);
    }

    private static void parse(String source, String text, List<Entry> entries, List<String> problems) {
        if (text == null || text.isBlank()) return;
        int number = 0;
        for (String raw : text.split("[,\\r\\n]+")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            number++;
            String[] parts = line.split(":", 3);
            String where = source + " entry " + number;
            if (parts.length != 3) {
                problems.add(where + ": expected <name>:<role>:<token>");
                continue;
            }
            String name = parts[0].strip();
            Optional<ApiRole> role = ApiRole.parse(parts[1]);
            String token = parts[2].strip();
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": the name must match " + NAME.pattern());
            } else if (role.isEmpty()) {
                problems.add(where + " (" + name + "): the role must be viewer or operator");
            } else if (token.length() < MIN_TOKEN_LENGTH) {
                problems.add(where + " (" + name + "): the token must have at least " + MIN_TOKEN_LENGTH + " characters");
            } else {
                entries.add(new Entry(new ApiPrincipal(name, role.get()), sha256(token)));
            }
        }
    }

    /** The holder of {@code presented}, or empty when no entry matches. */
    Optional<ApiPrincipal> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) return Optional.empty();
        byte[] digest = sha256(presented);
        ApiPrincipal match = null;
        for (Entry e : entries) {
            // No early exit: every entry is compared, whatever matched before.
            if (MessageDigest.isEqual(e.digest(), digest) && match == null) match = e.principal();
        }
        return Optional.ofNullable(match);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " entries]";
    }
}
