package io.mmkit.backtest.data;

/** A row of a data file that cannot be read: the message names the file, the line number and the problem. */
public final class DataFormatException extends RuntimeException {
    private final String file;
    private final long line;

    public DataFormatException(String file, long line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public DataFormatException(String file, long line, String problem) {
        this(file, line, problem, null);
    }

    public String file() {
        return file;
    }

    /** 1-based line number of the bad row. */
    public long line() {
        return line;
    }
}
