package io.tap.reconciler.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** An IAM policy document, read strictly enough to reason about actions, resources and conditions. */
record IamPolicy(JsonNode document, List<Statement> statements) {

    static final String ACCOUNT_PLACEHOLDER = "${AWS_ACCOUNT_ID}";
    private static final Pattern READ_VERB = Pattern.compile("(Describe|Get|List|Head|Lookup|Search|BatchGet)[A-Za-z*]*");

    record Statement(String sid, String effect, List<String> actions, List<String> notActions, List<String> resources,
                     JsonNode condition) {

        boolean allows(String action) {
            return effect.equals("Allow") && actions.stream().anyMatch(pattern -> matches(pattern, action));
        }

        boolean hasCondition(String operator, String key, String value) {
            JsonNode values = condition == null ? null : condition.path(operator).get(key);
            return values != null && strings(values).contains(value);
        }
    }

    static IamPolicy read(Path file) {
        return parse(RepoFiles.read(file));
    }

    static IamPolicy parse(String json) {
        JsonNode document = JsonMapper.builder().build().readTree(json);
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : document.path("Statement")) {
            statements.add(new Statement(s.path("Sid").asString(""), s.path("Effect").asString(""),
                    strings(s.get("Action")), strings(s.get("NotAction")), strings(s.get("Resource")),
                    s.get("Condition")));
        }
        return new IamPolicy(document, statements);
    }

    static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asString()));
        } else {
            values.add(node.asString());
        }
        return values;
    }

    /** IAM action and ARN matching: {@code *} and {@code ?} wildcards; actions case-insensitively. */
    static boolean matches(String pattern, String value) {
        return glob(pattern.toLowerCase(Locale.ROOT)).matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    static boolean matchesArn(String pattern, String value) {
        return glob(pattern).matcher(value).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** True for read-only actions (Describe*, Get*, List*, …); wildcards count as what they start with. */
    static boolean isRead(String action) {
        String verb = action.substring(action.indexOf(':') + 1);
        return READ_VERB.matcher(verb).matches();
    }

    List<Statement> withSidPrefix(String prefix) {
        return statements.stream().filter(s -> s.sid().startsWith(prefix)).toList();
    }
}
