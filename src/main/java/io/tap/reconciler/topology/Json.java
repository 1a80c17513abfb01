package io.tap.reconciler.topology;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for policy documents and the render output. Trees are {@link Map}s,
 * {@link Collection}s, strings, numbers, booleans and {@code null}; {@link #render(Object)} also
 * accepts {@link Output}s anywhere in the tree and waits for them, so a policy can name ARNs that
 * are only known once their resources exist.
 */
public final class Json {

    private Json() {
    }

    /** An insertion-ordered map from alternating keys and values. */
    public static Map<String, Object> obj(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The tree as JSON, once every {@link Output} in it is known. */
    public static Output<String> render(Object tree) {
        List<Output<Object>> outputs = new ArrayList<>();
        collect(tree, outputs);
        if (outputs.isEmpty()) {
            return Output.of(write(tree));
        }
        return Output.all(outputs).applyValue(values -> write(substitute(tree, values.iterator())));
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Output<Object>> outputs) {
        if (node instanceof Output<?> o) {
            outputs.add(((Output<Object>) o));
        } else if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, outputs));
        } else if (node instanceof Collection<?> c) {
            c.forEach(v -> collect(v, outputs));
        }
    }

    private static Object substitute(Object node, java.util.Iterator<Object> values) {
        if (node instanceof Output<?>) {
            return values.next();
        } else if (node instanceof Map<?, ?> m) {
            var copy = new LinkedHashMap<String, Object>();
            m.forEach((k, v) -> copy.put((String) k, substitute(v, values)));
            return copy;
        } else if (node instanceof Collection<?> c) {
            var copy = new ArrayList<>();
            c.forEach(v -> copy.add(substitute(v, values)));
            return copy;
        }
        return node;
    }

    /** The tree as compact JSON; it must not contain {@link Output}s. */
    public static String write(Object tree) {
        var sb = new StringBuilder();
        write(tree, sb);
        return sb.toString();
    }

    private static void write(Object node, StringBuilder sb) {
        if (node == null) {
            sb.append("null");
        } else if (node instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object v : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(v, sb);
            }
            sb.append(']');
        } else if (node instanceof Number || node instanceof Boolean) {
            sb.append(node);
        } else if (node instanceof Output<?>) {
            throw new IllegalArgumentException("unresolved Output in JSON tree; use Json.render");
        } else {
            string(node.toString(), sb);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
