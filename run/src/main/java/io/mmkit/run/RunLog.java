package io.mmkit.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The log of one bot run, read by the supervisor. The bot reports running with its first status line
 * ({@code [<id>] #1 bid ... | resting ...}), which it logs only after its start-up — loading the market,
 * subscribing, cancelling orphans, the strategy's own start — succeeded and a first quoting iteration ran.
 * It ends with its exit line ({@code [<id>] exit status N: reason}) unless it died.
 */
final class RunLog {
    private final Path file;
    private final Pattern running;
    private final String exitFragment;
    private long scanned;
    private final StringBuilder partial = new StringBuilder();

    RunLog(Path file, String instanceId) {
        this.file = file;
        this.running = Pattern.compile(Pattern.quote("[" + instanceId + "] #") + "\\d+ bid ");
        this.exitFragment = "[" + instanceId + "] exit status ";
    }

    Path file() {
        return file;
    }

    /** Reads what was appended since the last call; true once a status line has appeared. */
    boolean reportsRunningYet() throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= scanned) {
                return false;
            }
            in.seek(scanned);
            byte[] bytes = new byte[(int) Math.min(length - scanned, 1 << 20)];
            in.readFully(bytes);
            scanned += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            if (running.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    /** This run's exit line, if the bot got to write one. */
    Optional<String> exitLine() throws IOException {
        return lines().stream().filter(l -> l.contains(exitFragment)).reduce((a, b) -> b).map(String::strip);
    }

    /** The last ERROR line of this run, else its last line: what to show when it died while running. */
    Optional<String> lastError() throws IOException {
        return error(true);
    }

    /**
     * The first ERROR line of this run, else its last line: what to show when it died during start-up, where
     * the first error is the cause and the later ones (an unverifiable cleanup, say) its consequences.
     */
    Optional<String> firstError() throws IOException {
        return error(false);
    }

    private Optional<String> error(boolean last) throws IOException {
        List<String> lines = lines();
        Optional<String> error = lines.stream().filter(l -> l.contains(" ERROR ") || l.startsWith("mmkit: "))
                .reduce((a, b) -> last ? b : a);
        if (error.isPresent()) {
            return error.map(String::strip);
        }
        return lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(String::strip);
    }

    private List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }
}
