package io.tap.reconciler.api;

import io.tap.reconciler.config.ApiSecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {

    static final String OP = "operator-token-0123456789abcdef";
    static final String VIEW = "viewer-token-0123456789abcdef01";

    @Test
    void entriesFromTheEnvironmentAndTheSecretFileAuthenticateToTheirNameAndRole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# mounted Secret\n\nci:viewer:" + VIEW + "\n");
        ApiTokens tokens = ApiTokens.from(new ApiSecurityProperties(" alice : operator : " + OP + " ", file));

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.authenticate(OP)).contains(new ApiPrincipal("alice", ApiRole.OPERATOR));
        assertThat(tokens.authenticate(VIEW)).contains(new ApiPrincipal("ci", ApiRole.VIEWER));
    }

    @Test
    void aTokenMatchesOnlyExactly() {
        ApiTokens tokens = ApiTokens.from(new ApiSecurityProperties("alice:operator:" + OP, null));
        assertThat(tokens.authenticate(OP.substring(0, OP.length() - 1))).isEmpty();
        assertThat(tokens.authenticate(OP + "0")).isEmpty();
        assertThat(tokens.authenticate(OP.toUpperCase())).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void nothingConfiguredMeansNoTokenIsAccepted() {
        ApiTokens tokens = ApiTokens.from(new ApiSecurityProperties("", null));
        assertThat(tokens.isEmpty()).isTrue();
        assertThat(tokens.authenticate(OP)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void anOperatorIsAlsoAViewer() {
        assertThat(ApiRole.OPERATOR.authorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(ApiRole.VIEWER.authorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER");
    }

    @Test
    void badEntriesStopStartUpNamingThePropertyAndEntryButNeverTheToken() {
        String weak = "short-secret-1";
        String badRole = "admin-token-0123456789abcdef0123";
        String noName = "nameless-token-0123456789abcdef";
        String properties = "alice:operator:" + OP + ",bob:viewer:" + weak + ",carol:admin:" + badRole
                + ",just-a-token-" + noName + ",:viewer:" + noName + ",alice:viewer:" + VIEW;

        assertThatThrownBy(() -> ApiTokens.from(new ApiSecurityProperties(properties, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tap.security.tokens entry 2 (bob): the token must have at least 24 characters")
                .hasMessageContaining("tap.security.tokens entry 3 (carol): the role must be viewer or operator")
                .hasMessageContaining("tap.security.tokens entry 4: expected <name>:<role>:<token>")
                .hasMessageContaining("tap.security.tokens entry 5: the name must match")
                .hasMessageContaining("the token name 'alice' is used twice")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OP, VIEW, weak, badRole, noName));
    }

    @Test
    void anUnreadableTokensFileStopsStartUp(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ApiTokens.from(new ApiSecurityProperties(null, missing)))
                .hasMessageContaining("tap.security.tokens-file: cannot read " + missing);
    }

    @Test
    void thePropertiesNeverPrintTheirTokens() {
        assertThat(new ApiSecurityProperties("alice:operator:" + OP, null).toString()).doesNotContain(OP).contains("masked");
        assertThat(ApiTokens.from(new ApiSecurityProperties("alice:operator:" + OP, null)).toString()).doesNotContain(OP);
        assertThat(new BearerToken(OP).toString()).doesNotContain(OP);
    }
}
