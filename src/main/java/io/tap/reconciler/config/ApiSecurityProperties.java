package io.tap.reconciler.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Bearer tokens of the REST API and the protected actuator endpoints ({@code tap.security}).
 * Both sources hold entries {@code <name>:<role>:<token>} with role {@code viewer} or
 * {@code operator}, separated by commas or new lines; {@code #} starts a comment line in the file.
 * The values come from the environment or a mounted Secret, never from {@code application.yml}.
 *
 * @param tokens     entries inline, normally from the environment variable {@code TAP_API_TOKENS}
 * @param tokensFile a file with entries, normally a mounted Kubernetes Secret; {@code null} for none
 */
@ConfigurationProperties(prefix = "tap.security", ignoreUnknownFields = false)
public record ApiSecurityProperties(String tokens, Path tokensFile) {

    /** Never prints the tokens: this record may end up in a log line or a failure report. */
    @Override
    public String toString() {
        return "ApiSecurityProperties[tokens=" + (tokens == null || tokens.isBlank() ? "<none>" : "<masked>")
                + ", tokensFile=" + tokensFile + "]";
    }
}
