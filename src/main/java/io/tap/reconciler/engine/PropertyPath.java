package io.tap.reconciler.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves an engine property path ({@code tags.Owner}, {@code ingress[0].cidrBlocks},
 * {@code tags["kubernetes.io/role"]}) against a property map from an engine event.
 */
final class PropertyPath {

    /** Marks "no value at this path", as opposed to an explicit null. */
    static final Object ABSENT = new Object();

    private PropertyPath() {
    }

    /** The value at {@code path}, or {@link #ABSENT}. */
    static Object lookup(Map<String, Object> root, String path) {
        if (root == null) return ABSENT;
        if (root.containsKey(path)) return root.get(path); // the common case: a top-level key
        Object current = root;
        for (Object segment : parse(path)) {
            if (segment instanceof Integer i && current instanceof List<?> l) {
                if (i < 0 || i >= l.size()) return ABSENT;
                current = l.get(i);
            } else if (segment instanceof String k && current instanceof Map<?, ?> m) {
                if (SecretMasker.isSecretEnvelope(m)) return m; // below a secret everything is secret
                if (!m.containsKey(k)) return ABSENT;
                current = m.get(k);
            } else {
                return SecretMasker.isSecretEnvelope(current) ? current : ABSENT;
            }
        }
        return current;
    }

    /** {@code parent.key}, or {@code parent["key"]} when the key is not a plain identifier. */
    static String child(String parent, String key) {
        boolean plain = !key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$');
        return plain ? parent + "." + key : parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** Splits a path into String keys and Integer indexes. */
    static List<Object> parse(String path) {
        List<Object> out = new ArrayList<>(4);
        int i = 0;
        int n = path.length();
        StringBuilder key = new StringBuilder();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                flush(out, key);
                i++;
            } else if (c == '[') {
                flush(out, key);
                int close = path.indexOf(']', i);
                if (i + 1 < n && path.charAt(i + 1) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    int j = i + 2;
                    while (j < n && path.charAt(j) != '"') {
                        if (path.charAt(j) == '\\' && j + 1 < n) j++;
                        quoted.append(path.charAt(j++));
                    }
                    out.add(quoted.toString());
                    close = path.indexOf(']', j);
                } else if (close > i) {
                    String inner = path.substring(i + 1, close);
                    try {
                        out.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        out.add(inner);
                    }
                }
                i = close < 0 ? n : close + 1;
            } else {
                key.append(c);
                i++;
            }
        }
        flush(out, key);
        return out;
    }

    private static void flush(List<Object> out, StringBuilder key) {
        if (!key.isEmpty()) {
            out.add(key.toString());
            key.setLength(0);
        }
    }
}
