package io.ghlsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads one-statement SQL files from the classpath (src/main/resources/sql). */
public final class SqlFiles {

    private SqlFiles() {}

    public static String load(String name) {
        String path = "/sql/" + name;
        try (InputStream in = SqlFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
