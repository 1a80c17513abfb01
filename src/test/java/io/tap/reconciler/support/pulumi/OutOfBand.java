package io.tap.reconciler.support.pulumi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes real out-of-band ("cloud") drift on fixture resources: the fixture provider reads the file
 * back on refresh, so these edits are what a console click is to an AWS resource.
 */
public final class OutOfBand {

    private OutOfBand() {
    }

    /** Overwrites a managed file's content behind Pulumi's back. */
    public static void editFile(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a managed file behind Pulumi's back (refresh sees the resource gone). */
    public static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's current content. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
