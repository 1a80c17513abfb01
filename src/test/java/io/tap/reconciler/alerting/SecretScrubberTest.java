package io.tap.reconciler.alerting;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretScrubberTest {

    @Test
    void secretValuesComeFromSecretNamedPropertiesAndFilesTheyPointTo(@TempDir Path dir) throws Exception {
        Path passphraseFile = dir.resolve("passphrase");
        Files.writeString(passphraseFile, "from-the-file-passphrase\n");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "PULUMI_CONFIG_PASSPHRASE", "env-passphrase-value",
                "PULUMI_CONFIG_PASSPHRASE_FILE", passphraseFile.toString(),
                "PULUMI_ACCESS_TOKEN", "pul-0123456789abcdef",
                "spring.datasource.password", "db-pass-value",
                "tap.api.token", "${PULUMI_ACCESS_TOKEN}-suffix",
                "tap.topology.owner", "platform-team",
                "some.flag.token-enabled", "true")));

        SecretScrubber scrubber = SecretScrubber.fromEnvironment(env);

        String text = "env-passphrase-value from-the-file-passphrase pul-0123456789abcdef-suffix db-pass-value platform-team true";
        assertThat(scrubber.scrub(text)).isEqualTo("[secret] [secret] [secret] [secret] platform-team true");
        assertThat(scrubber.leaks(text)).isTrue();
        assertThat(scrubber.leaks("platform-team true")).isFalse();
    }

    @Test
    void eachTokenOfATokenListIsASecretOfItsOwn(@TempDir Path dir) throws Exception {
        Path tokensFile = Files.writeString(dir.resolve("tokens"), "# mounted Secret\nci:operator:file-token-0123456789abcdefghij\n");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "TAP_API_TOKENS", "ops:operator:ops-token-0123456789abcdefghij,view:viewer:view-token-0123456789abcdefgh",
                "TAP_SECURITY_TOKENS_FILE", tokensFile.toString())));

        SecretScrubber scrubber = SecretScrubber.fromEnvironment(env);

        assertThat(scrubber.scrub("a view-token-0123456789abcdefgh b ops-token-0123456789abcdefghij c file-token-0123456789abcdefghij"))
                .isEqualTo("a [secret] b [secret] c [secret]");
        assertThat(scrubber.scrub("roles operator and viewer")).isEqualTo("roles operator and viewer");
    }

    @Test
    void theLongestSecretIsMaskedWholeWhenItContainsAnother() {
        SecretScrubber scrubber = new SecretScrubber(List.of("abcd", "abcdefgh"));

        assertThat(scrubber.scrub("x abcdefgh y abcd")).isEqualTo("x [secret] y [secret]");
    }

    @Test
    void valuesUnderSecretPathsAndPulumiSecretsAreMaskedWhole() {
        SecretScrubber scrubber = new SecretScrubber(List.of());

        assertThat(scrubber.scrubValue("masterPassword", "anything")).isEqualTo("[secret]");
        assertThat(scrubber.scrubValue("secretString", "anything")).isEqualTo("[secret]");
        assertThat(scrubber.scrubValue("tags.Owner", "platform-team")).isEqualTo("platform-team");
        assertThat(scrubber.scrub("{\"4dabf18193072939515e22adb298388d\":\"1b47061264138c4ac30d75fd1eb44270\",\"plaintext\":\"p\"}"))
                .isEqualTo("[secret]");
    }

    @Test
    void tooShortOrBooleanValuesAreNotTreatedAsSecrets() {
        SecretScrubber scrubber = new SecretScrubber(List.of("ab", "true", "  "));

        assertThat(scrubber.size()).isZero();
        assertThat(scrubber.scrub("ab true")).isEqualTo("ab true");
    }
}
