package io.mmkit.backtest.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file as lines of raw bytes, gunzipping {@code .gz} files, without a {@code String} per line: the
 * current line is {@link #buffer()}{@code [}{@link #start()}{@code , }{@link #end()}{@code )}, valid until the
 * next {@link #next()}. Splits on {@code \n} (a {@code \r} before it is dropped). Counts lines for error
 * messages and compressed bytes for progress. Not thread-safe; the owner closes it.
 */
final class ByteLines implements AutoCloseable {
    private final String name;
    private final long size;
    private final CountingInputStream raw;
    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int filled;
    private int pos;
    private int start;
    private int end;
    private boolean eof;
    private long lineNumber;
    private boolean closed;

    ByteLines(Path file) {
        this.name = file.toString();
        try {
            this.size = Math.max(1, Files.size(file));
            this.raw = new CountingInputStream(Files.newInputStream(file));
            this.in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + name, e);
        }
    }

    /**
     * Moves to the next line.
     *
     * @return false at the end of the file
     * @throws DataFormatException naming the line that could not be read (a truncated or corrupt gzip)
     */
    boolean next() {
        while (true) {
            for (int i = pos; i < filled; i++) {
                if (buf[i] == '\n') {
                    return take(i, i + 1);
                }
            }
            if (eof) {
                return pos < filled && take(filled, filled);
            }
            fill();
        }
    }

    private boolean take(int lineEnd, int nextPos) {
        start = pos;
        end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        pos = nextPos;
        lineNumber++;
        return true;
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, filled - pos);
            filled -= pos;
            pos = 0;
        }
        if (filled == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNumber + 1, "cannot read: " + e.getMessage()
                    + (name.endsWith(".gz") ? " (truncated or corrupt gzip?)" : ""), e);
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String name() {
        return name;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    double progress() {
        return Math.min(1.0, (double) raw.count() / size);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing a file we only read: nothing to lose.
        }
    }
}
