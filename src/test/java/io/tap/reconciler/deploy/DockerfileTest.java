package io.tap.reconciler.deploy;

import io.tap.reconciler.deploy.DockerfileModel.Instruction;
import io.tap.reconciler.deploy.DockerfileModel.Stage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image rules that hadolint does not know about (hadolint itself runs in {@code HadolintIT}).
 * No Docker engine exists on the build machines, so these rules are what keeps the Dockerfile honest.
 */
class DockerfileTest {

    private static final Pattern EXACT_TAG = Pattern.compile("[^:@/]+(/[^:@/]+)*:\\d+\\.\\d+\\.\\d+[^:@]*");
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");

    private final DockerfileModel dockerfile = DockerfileModel.read(RepoFiles.ROOT.resolve("Dockerfile"));
    private final Set<String> stageNames = dockerfile.stages().stream().map(Stage::name)
            .filter(java.util.Objects::nonNull).collect(Collectors.toSet());

    @Test
    void everyBaseImageIsPinnedByExactTagOrDigest() {
        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        for (Stage stage : dockerfile.stages()) {
            String image = stage.image();
            if (stageNames.contains(image)) {
                continue;
            }
            assertThat(image).as("base image of stage " + stage.name()).doesNotContain("${").doesNotEndWith(":latest");
            assertThat(EXACT_TAG.matcher(image).matches() || DIGEST.matcher(image).matches())
                    .as("%s is pinned by an exact x.y.z tag or a sha256 digest", image).isTrue();
        }
    }

    @Test
    void buildsWithTheMavenWrapperAndRunsOnATemurin17Jre() {
        Stage build = dockerfile.stages().get(0);
        assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run.args()).contains("./mvnw").contains("package"));
        assertThat(dockerfile.finalStage().image()).startsWith("eclipse-temurin:17.").contains("-jre");
    }

    @Test
    void runsAsANonRootNumericUser() {
        List<Instruction> users = dockerfile.finalStage().all("USER");
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).args();
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isPositive();
        assertThat(dockerfile.finalStage().instructions().get(dockerfile.finalStage().instructions().size() - 2).keyword())
                .as("USER comes last but for the ENTRYPOINT").isEqualTo("USER");
        Stage last = dockerfile.finalStage();
        assertThat(last.instructions().get(last.instructions().size() - 1).keyword()).isEqualTo("ENTRYPOINT");
    }

    @Test
    void noAddOfUrlsAnywhere() {
        for (Stage stage : dockerfile.stages()) {
            assertThat(stage.all("ADD")).as("ADD in stage " + stage.name())
                    .allSatisfy(add -> assertThat(add.args()).doesNotContain("://"));
        }
    }

    @Test
    void everyDownloadIsVerifiedAgainstAChecksumBuildArgWithoutDefault() {
        Pattern download = Pattern.compile("(?:curl|wget)\\b[^&;|]*?(?:-o|-O|--output)\\s+(\\S+)\\s+\"?\\$\\{(\\w+)}\"?");
        int downloads = 0;
        for (Stage stage : dockerfile.stages()) {
            Map<String, String> args = stage.args();
            for (Instruction run : stage.all("RUN")) {
                Matcher m = download.matcher(run.args());
                while (m.find()) {
                    downloads++;
                    String file = m.group(1);
                    String urlArg = m.group(2);
                    assertThat(args).as("download URL %s is a build arg", urlArg).containsKey(urlArg);
                    Matcher check = Pattern.compile("echo \"\\$\\{(\\w+)} {2}" + Pattern.quote(file) + "\" \\| sha256sum -c -")
                            .matcher(run.args());
                    assertThat(check.find()).as("%s is checked with sha256sum -c", file).isTrue();
                    String sumArg = check.group(1);
                    assertThat(args).as("checksum arg %s is declared", sumArg).containsKey(sumArg);
                    assertThat(args.get(sumArg)).as("checksum arg %s has no default", sumArg).isNull();
                    assertThat(run.args()).as("a missing %s fails the build", sumArg)
                            .contains("${" + sumArg + ":?");
                    assertThat(run.args().indexOf(check.group())).as("verified before it is unpacked")
                            .isLessThan(run.args().indexOf("tar -xzf " + file));
                }
            }
        }
        assertThat(downloads).as("the pulumi CLI and the AWS plugin are downloaded").isEqualTo(2);
    }

    @Test
    void pulumiVersionsMatchTheBuildAndThePom() {
        Map<String, String> args = dockerfile.stage("pulumi").orElseThrow().args();
        String pom = RepoFiles.read(RepoFiles.ROOT.resolve("pom.xml"));
        Matcher aws = Pattern.compile("<pulumi-aws.version>([^<]+)</pulumi-aws.version>").matcher(pom);
        assertThat(aws.find()).isTrue();
        assertThat(args.get("PULUMI_AWS_VERSION")).as("plugin version = com.pulumi:aws").isEqualTo(aws.group(1));
        assertThat(dockerfile.finalStage().args().get("PULUMI_AWS_VERSION")).isEqualTo(aws.group(1));

        Matcher cli = Pattern.compile("PULUMI_VERSION=\"\\$\\{PULUMI_VERSION:-v([^}]+)}\"")
                .matcher(RepoFiles.read(RepoFiles.ROOT.resolve(".ci/install-pulumi.sh")));
        assertThat(cli.find()).isTrue();
        assertThat(args.get("PULUMI_VERSION")).as("CLI version = the one the tests run").isEqualTo(cli.group(1));
        assertThat(args.get("PULUMI_AWS_URL")).contains("${PULUMI_AWS_VERSION}").startsWith("https://");
        assertThat(args.get("PULUMI_URL")).contains("${PULUMI_VERSION}").startsWith("https://");
    }

    @Test
    void runtimeEnvironmentFitsAReadOnlyRootFilesystem() {
        Stage last = dockerfile.finalStage();
        Map<String, String> env = last.env();
        assertThat(env).containsEntry("PULUMI_SKIP_UPDATE_CHECK", "true")
                .containsEntry("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        String volumes = last.all("VOLUME").stream().map(Instruction::args).collect(Collectors.joining(" "));
        assertThat(volumes).contains("\"" + env.get("TAP_DATA_DIR") + "\"").contains("\"/tmp\"");
        assertThat(env.get("PULUMI_HOME")).as("PULUMI_HOME is writable").startsWith(env.get("TAP_DATA_DIR") + "/");
        assertThat(env.get("PATH")).startsWith("/opt/pulumi/bin:");
    }

    @Test
    void finalStageHasNoBuildToolsAndOnlyCopiesBuiltArtifacts() {
        Stage last = dockerfile.finalStage();
        assertThat(last.all("COPY")).isNotEmpty().allSatisfy(copy -> assertThat(copy.args()).startsWith("--from="));
        Pattern tools = Pattern.compile("\\b(mvnw?|gradlew?|apt-get|apk|curl|wget|go|gcc|make|javac|git)\\b");
        assertThat(last.all("RUN")).allSatisfy(run -> assertThat(tools.matcher(run.args()).find())
                .as("build tool in final stage: " + run.args()).isFalse());
    }

    @Test
    void nothingSecretIsBakedIn() {
        Pattern secretName = Pattern.compile("(?i)(passphrase|password|secret|token|access_?key|credential)");
        for (Stage stage : dockerfile.stages()) {
            assertThat(stage.args().keySet()).allSatisfy(arg -> assertThat(secretName.matcher(arg).find()).as("ARG " + arg).isFalse());
            assertThat(stage.env().keySet()).allSatisfy(env -> assertThat(secretName.matcher(env).find()).as("ENV " + env).isFalse());
            assertThat(stage.all("COPY")).allSatisfy(copy -> assertThat(copy.args())
                    .doesNotContain(".env", ".pem", ".tap", "application.yml", "credentials"));
        }
    }

    @Test
    void exposedPortsAreTheAppAndManagementPorts() {
        Set<Integer> exposed = dockerfile.finalStage().all("EXPOSE").stream()
                .flatMap(e -> Arrays.stream(e.args().split("\\s+")))
                .map(p -> Integer.parseInt(p.replace("/tcp", ""))).collect(Collectors.toSet());
        assertThat(exposed).containsExactlyInAnyOrder(RepoFiles.serverPort(), RepoFiles.managementPort());
    }

    @Test
    void dockerignoreAdmitsOnlyWhatTheBuildCopies() {
        List<String> rules = RepoFiles.read(RepoFiles.ROOT.resolve(".dockerignore")).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules.get(0)).as("exclude everything first").isEqualTo("*");
        Set<String> admitted = rules.stream().filter(r -> r.startsWith("!")).map(r -> r.substring(1)).collect(Collectors.toSet());
        for (Stage stage : dockerfile.stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (copy.args().startsWith("--from=")) {
                    continue;
                }
                String[] parts = copy.args().split("\\s+");
                for (String source : Arrays.copyOf(parts, parts.length - 1)) {
                    assertThat(admitted.stream().anyMatch(a -> a.equals(source) || a.startsWith(source)))
                            .as("COPY source %s is admitted by .dockerignore", source).isTrue();
                }
            }
        }
    }

    @Test
    void aDockerfileThatBreaksTheRulesIsCaught() throws Exception {
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("Dockerfile", ".bad");
        java.nio.file.Files.writeString(bad, """
                FROM eclipse-temurin:latest
                ADD https://example.invalid/pulumi.tgz /tmp/
                USER root
                """);
        DockerfileModel model = DockerfileModel.read(bad);
        assertThat(EXACT_TAG.matcher(model.finalStage().image()).matches()).isFalse();
        assertThat(model.finalStage().all("ADD").get(0).args()).contains("://");
        assertThat(model.finalStage().all("USER").get(0).args()).doesNotMatch("\\d+(:\\d+)?");
        java.nio.file.Files.delete(bad);
    }
}
