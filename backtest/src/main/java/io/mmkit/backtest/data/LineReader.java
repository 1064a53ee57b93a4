package io.mmkit.backtest.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file line by line, gunzipping files whose name ends in {@code .gz}, counting lines for error
 * messages and raw bytes for progress. Not thread-safe; the owner closes it.
 */
final class LineReader implements AutoCloseable {
    private final String name;
    private final long size;
    private final CountingInputStream counted;
    private final BufferedReader reader;
    private long lineNumber;
    private boolean closed;

    LineReader(Path file) {
        this.name = file.toString();
        try {
            this.size = Math.max(1, Files.size(file));
            this.counted = new CountingInputStream(Files.newInputStream(file));
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : counted;
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + name, e);
        }
    }

    /** The next line, or {@code null} at the end. */
    String next() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new DataFormatException(name, lineNumber + 1, "cannot read: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /** 1-based number of the line last returned. */
    long lineNumber() {
        return lineNumber;
    }

    double progress() {
        return Math.min(1.0, (double) counted.count() / size);
    }

    DataFormatException error(String problem, Throwable cause) {
        return new DataFormatException(name, lineNumber, problem, cause);
    }

    DataFormatException error(String problem) {
        return new DataFormatException(name, lineNumber, problem);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reader.close();
        } catch (IOException ignored) {
            // Closing a file we only read: nothing to lose.
        }
    }
}
