package io.tap.reconciler.support.pulumi;

import java.nio.file.Path;

/**
 * The pulumi CLI and fixture provider found for a test by {@link PulumiCliExtension}.
 *
 * @param cli     the {@code pulumi} binary
 * @param binDir  its directory, which also holds {@code pulumi-resource-tapfixture}
 * @param version what {@code pulumi version} printed, e.g. {@code v3.276.0}
 */
public record PulumiTestCli(Path cli, Path binDir, String version) {
}
