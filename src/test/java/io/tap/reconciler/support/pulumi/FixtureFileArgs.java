package io.tap.reconciler.support.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.nio.file.Path;

/** Inputs of {@link FixtureFile}. */
public final class FixtureFileArgs extends ResourceArgs {

    @Import(name = "path", required = true)
    private final Output<String> path;

    @Import(name = "content", required = true)
    private final Output<String> content;

    @Import(name = "mode")
    private final Output<String> mode;

    private FixtureFileArgs(Output<String> path, Output<String> content, Output<String> mode) {
        this.path = path;
        this.content = content;
        this.mode = mode;
    }

    /** A file at an absolute path with this content and the provider's default mode (0644, not tracked). */
    public static FixtureFileArgs of(Path path, String content) {
        return new FixtureFileArgs(Output.of(path.toAbsolutePath().toString()), Output.of(content), null);
    }

    /** A file whose content may be a computed or secret output. */
    public static FixtureFileArgs of(Path path, Output<String> content) {
        return new FixtureFileArgs(Output.of(path.toAbsolutePath().toString()), content, null);
    }

    /** A file with a tracked octal mode such as {@code 0640}. */
    public static FixtureFileArgs of(Path path, String content, String mode) {
        return new FixtureFileArgs(Output.of(path.toAbsolutePath().toString()), Output.of(content), Output.of(mode));
    }
}
