package io.tap.reconciler.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The service's own settings under {@code tap}: where it keeps data and which stacks it drives.
 * Feature settings ({@code tap.remediation}, {@code tap.alerts}, …) have records of their own.
 *
 * @param dataDir directory for the file backend and the embedded database; created on start
 * @param stacks  the stacks to reconcile
 */
@Validated
@ConfigurationProperties("tap")
public record TapProperties(@DefaultValue("./.tap") @NotNull Path dataDir,
                            @NotEmpty @Valid List<StackProperties> stacks) {

    /** The stack with this name, if configured. */
    public Optional<StackProperties> stack(String name) {
        return stacks.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The backend URL of a stack, defaulting to a file backend under the data dir. */
    public String backendUrl(StackProperties stack) {
        return stack.backendUrl() != null ? stack.backendUrl()
                : dataDir.toAbsolutePath().resolve("state").toUri().toString();
    }
}
