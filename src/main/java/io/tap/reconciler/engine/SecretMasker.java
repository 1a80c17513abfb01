package io.tap.reconciler.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces secret values with {@value #MASK} in everything the engine hands out: rendered property
 * values, stack outputs, exception messages and stderr tails. It knows the passphrase, the secret
 * stack config values, and recognises the engine's own secret markers.
 */
final class SecretMasker {

    static final String MASK = "[secret]";
    /** The engine's signature key for secret values in JSON. */
    static final String SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
    /** Shorter values would mask ordinary words; nobody should use such a secret anyway. */
    private static final int MIN_LENGTH = 4;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Longest first, so a secret that contains another is masked whole. */
    private volatile List<String> ordered = List.of();

    /** Remembers a value that must never be shown. */
    SecretMasker add(String secret) {
        if (secret != null && secret.strip().length() >= MIN_LENGTH) {
            secrets.add(secret);
            String stripped = secret.strip();
            if (!stripped.equals(secret)) secrets.add(stripped);
            ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
        return this;
    }

    /** The text with every known secret replaced by {@value #MASK}. */
    String mask(String text) {
        List<String> known = ordered;
        if (text == null || text.isEmpty() || known.isEmpty()) return text;
        String out = text;
        for (String s : known) {
            if (out.contains(s)) out = out.replace(s, MASK);
        }
        return out;
    }

    /** True when the value is an engine secret envelope ({@code {"4dabf…": "1b47…", "value": …}}). */
    static boolean isSecretEnvelope(Object value) {
        return value instanceof Map<?, ?> m && SECRET_SIG_VALUE.equals(m.get(SECRET_SIG_KEY));
    }

    /**
     * Renders a property value as text: secrets (envelopes or known values) become {@value #MASK},
     * strings are shown as-is, everything else as compact JSON-like text.
     */
    String render(Object value) {
        if (value == null) return null;
        StringBuilder sb = new StringBuilder();
        appendRendered(sb, value);
        return mask(sb.toString());
    }

    private void appendRendered(StringBuilder sb, Object value) {
        if (isSecretEnvelope(value)) {
            sb.append(MASK);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                if (!first) sb.append(", ");
                first = false;
                sb.append(e.getKey()).append('=');
                appendRendered(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                appendRendered(sb, l.get(i));
            }
            sb.append(']');
        } else if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            sb.append(d.longValue());
        } else {
            sb.append(value);
        }
    }
}
