package io.tap.reconciler.support.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * {@code tapfixture:index:File}: a real local file managed by the fixture provider
 * ({@code tools/fixture-provider}). Changing {@code content} or {@code mode} is an in-place update,
 * changing {@code path} a replace; editing the file on disk is cloud drift that refresh sees
 * ({@link OutOfBand}).
 *
 * <p>There is no generated SDK: a plain {@link CustomResource} with {@code @Export} output fields and
 * a {@link FixtureFileArgs} with {@code @Import} input fields is all the Java SDK needs.
 */
@ResourceType(type = FixtureFile.TYPE)
public final class FixtureFile extends CustomResource {

    /** The Pulumi type token. */
    public static final String TYPE = "tapfixture:index:File";

    @Export(name = "path", refs = {String.class}, tree = "[0]")
    private Output<String> path;

    @Export(name = "content", refs = {String.class}, tree = "[0]")
    private Output<String> content;

    @Export(name = "sha256", refs = {String.class}, tree = "[0]")
    private Output<String> sha256;

    public FixtureFile(String name, FixtureFileArgs args) {
        this(name, args, CustomResourceOptions.Empty);
    }

    public FixtureFile(String name, FixtureFileArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, options);
    }

    public Output<String> path() {
        return path;
    }

    public Output<String> content() {
        return content;
    }

    public Output<String> sha256() {
        return sha256;
    }
}
