package io.tap.reconciler.alerting;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Keeps secret values out of alerts. It masks:
 * <ul>
 *   <li>every known secret value: each property or environment variable whose name says it is secret
 *       ({@code PULUMI_CONFIG_PASSPHRASE}, {@code PULUMI_ACCESS_TOKEN}, {@code spring.datasource.password},
 *       any {@code *token*}, {@code *secret*}…), and the contents of files named by such a {@code *_FILE}
 *       variable (e.g. {@code PULUMI_CONFIG_PASSPHRASE_FILE});</li>
 *   <li>the whole value of an attribute whose path names a secret ({@code password}, {@code secretString}…);</li>
 *   <li>the whole value of anything carrying Pulumi's secret signature.</li>
 * </ul>
 * Secret values are read once, at start-up.
 */
final class SecretScrubber {

    static final String MASK = "[secret]";

    /** Names of properties, environment variables and attribute paths that hold secrets. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|credential|private[-_.]?key|api[-_.]?key).*");

    /** Pulumi marks secret values with this signature (and its key) in state and engine events. */
    private static final List<String> SECRET_MARKERS = List.of("1b47061264138c4ac30d75fd1eb44270",
            "4dabf18193072939515e22adb298388d");

    /** Shorter values are too common to replace without mangling text (and are no real secret). */
    static final int MIN_SECRET_LENGTH = 4;
    private static final Set<String> NOT_SECRETS = Set.of("true", "false", "null", "none", "changeme");
    /** The token after the last colon of an entry counts when at least this long (roles/names are not secret). */
    private static final int MIN_PART_LENGTH = 8;
    private static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

    private final List<String> secrets;

    SecretScrubber(Collection<String> knownSecrets) {
        TreeSet<String> s = new TreeSet<>();
        for (String v : knownSecrets) {
            if (v == null) continue;
            String t = v.strip();
            if (t.length() >= MIN_SECRET_LENGTH && !NOT_SECRETS.contains(t.toLowerCase(Locale.ROOT))) {
                s.add(t);
                if (!t.equals(v) && v.length() >= MIN_SECRET_LENGTH) s.add(v);
            }
        }
        // longest first, so a secret containing another is masked whole
        this.secrets = s.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Collects the secret values from every enumerable property source (environment, system, files…). */
    static SecretScrubber fromEnvironment(ConfigurableEnvironment environment) {
        Set<String> values = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) continue;
            for (String name : enumerable.getPropertyNames()) {
                if (!SECRET_NAME.matcher(name).matches()) continue;
                Object raw = enumerable.getProperty(name);
                if (raw == null) continue;
                String value = resolve(environment, raw.toString());
                addWithParts(value, values);
                if (isFileReference(name)) readSecretFile(value, values);
            }
        }
        return new SecretScrubber(values);
    }

    /** Number of distinct secret values known; for the start-up log (never the values). */
    int size() {
        return secrets.size();
    }

    /** Masks secret values inside free text. */
    String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        for (String marker : SECRET_MARKERS) {
            if (text.contains(marker)) return MASK;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        return out;
    }

    /** Masks an attribute value: wholly when its path names a secret, else as text. */
    String scrubValue(String path, String value) {
        if (value == null) return null;
        if (path != null && SECRET_NAME.matcher(path).matches()) return MASK;
        return scrub(value);
    }

    /** True when the text holds a known secret value or a secret marker. */
    boolean leaks(String text) {
        if (text == null) return false;
        for (String marker : SECRET_MARKERS) if (text.contains(marker)) return true;
        for (String secret : secrets) if (text.contains(secret)) return true;
        return false;
    }

    /**
     * A value and its parts: secret lists such as {@code TAP_API_TOKENS} hold comma- or line-separated
     * {@code name:role:token} entries, and one token alone must be masked too.
     */
    static void addWithParts(String value, Set<String> values) {
        values.add(value);
        for (String entry : value.split("[,\\r\\n]+")) {
            String e = entry.strip();
            values.add(e);
            int colon = e.lastIndexOf(':');
            if (colon >= 0 && e.length() - colon - 1 >= MIN_PART_LENGTH) values.add(e.substring(colon + 1));
        }
    }

    private static String resolve(ConfigurableEnvironment environment, String value) {
        try {
            return environment.resolvePlaceholders(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static boolean isFileReference(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("_file") || n.endsWith("-file") || n.endsWith(".file");
    }

    private static void readSecretFile(String location, Set<String> values) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file) && Files.size(file) <= MAX_SECRET_FILE_BYTES) {
                addWithParts(Files.readString(file, StandardCharsets.UTF_8), values);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable file cannot leak through us either; the engine reports it
        }
    }
}
