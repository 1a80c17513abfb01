package io.tap.reconciler.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text we store or alert on: the values of secret-looking environment variables
 * (the Pulumi passphrase, tokens, passwords), {@code key=value} pairs with a secret-looking key, and
 * AWS access key ids. Error summaries go through it before they are recorded.
 */
final class SecretMasker {

    static final String MASK = "[secret]";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSPHRASE|PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|ACCESS_KEY).*");
    private static final Pattern PAIR = Pattern.compile(
            "(?i)\\b((?:[a-z_.-]*)(?:passphrase|password|secret|token|apikey|api_key|credentials?)[a-z_.-]*)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)");
    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secretValues;

    SecretMasker(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (value != null && value.length() >= MIN_SECRET_LENGTH
                    && SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches()) {
                values.add(value);
            }
        });
        values.sort(Comparator.comparingInt(String::length).reversed());
        this.secretValues = List.copyOf(values);
    }

    /** A masker for this process's environment. */
    static SecretMasker fromEnvironment() {
        return new SecretMasker(System.getenv());
    }

    /** The text with every secret replaced by {@value #MASK}; {@code null} stays {@code null}. */
    String mask(String text) {
        if (text == null) return null;
        String out = text;
        for (String v : secretValues) {
            out = out.replace(v, MASK);
        }
        Matcher m = PAIR.matcher(out);
        out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
        return AWS_KEY_ID.matcher(out).replaceAll(MASK);
    }
}
