package io.tap.reconciler.topology;

import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.StringAsset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Lambda handler sources shipped in this jar, packaged as an {@code index.py} archive. */
public final class LambdaCode {

    private LambdaCode() {
    }

    /** The archive of {@code lambda/<file>} (next to this class) as {@code index.py}. */
    public static AssetArchive archive(String file) {
        return new AssetArchive(Map.of("index.py", new StringAsset(source(file))));
    }

    static String source(String file) {
        try (InputStream in = LambdaCode.class.getResourceAsStream("lambda/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing Lambda source lambda/" + file + " next to " + LambdaCode.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
