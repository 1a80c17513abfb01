package io.tap.reconciler.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read into stages of instructions: enough structure for rule tests (continuations
 * joined, comments dropped, ARG defaults resolved in FROM lines).
 */
record DockerfileModel(Map<String, String> globalArgs, List<Stage> stages) {

    record Instruction(String keyword, String args) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** ARG declarations of this stage: name → default ({@code null} when it has none). */
        Map<String, String> args() {
            Map<String, String> args = new LinkedHashMap<>();
            for (Instruction arg : all("ARG")) {
                String[] parts = arg.args().split("=", 2);
                args.put(parts[0].trim(), parts.length > 1 ? unquote(parts[1].trim()) : null);
            }
            return args;
        }

        /** ENV assignments of this stage (the {@code KEY=value ...} form). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher("");
            for (Instruction instruction : all("ENV")) {
                m.reset(instruction.args());
                while (m.find()) {
                    env.put(m.group(1), unquote(m.group(2)));
                }
            }
            return env;
        }
    }

    static DockerfileModel read(Path file) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : RepoFiles.read(file).split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                logical.add(current.toString().strip());
            }
            current.setLength(0);
        }
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.args().replaceAll("--platform=\\S+\\s+", "").split("\\s+");
                String image = resolve(from[0], globalArgs);
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(image, name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                if (instruction.keyword().equals("ARG")) {
                    String[] arg = instruction.args().split("=", 2);
                    globalArgs.put(arg[0].trim(), arg.length > 1 ? unquote(arg[1].trim()) : null);
                }
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new DockerfileModel(globalArgs, stages);
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    private static String resolve(String value, Map<String, String> args) {
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = args.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
