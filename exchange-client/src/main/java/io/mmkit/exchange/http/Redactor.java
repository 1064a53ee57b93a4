package io.mmkit.exchange.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is logged: the configured key material verbatim, and signature-bearing
 * query parameters and headers by name. Immutable and thread-safe.
 */
public final class Redactor {
    private static final String MASK = "***";
    private static final Pattern SENSITIVE_PARAM =
            Pattern.compile("(?i)((?:signature|listenKey|apiKey|secret)=)[^&\\s\"]+");
    private static final Pattern SENSITIVE_HEADER =
            Pattern.compile("(?i)((?:X-API-KEY|X-MBX-APIKEY|X-SIGNATURE)\\s*[:=]\\s*)\\S+");

    /** Binance's user data stream puts its listen key in the path: {@code /ws/<listenKey>}. */
    private static final Pattern LISTEN_KEY_PATH = Pattern.compile("(/ws/)[A-Za-z0-9]{16,}");

    private final List<String> secrets;

    /** @param secrets values that must never appear in a log line (API keys, secrets); blanks are ignored */
    public Redactor(List<String> secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                kept.add(s);
            }
        }
        this.secrets = List.copyOf(kept);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** The text with every known secret, signature and listen key replaced by {@code ***}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = SENSITIVE_PARAM.matcher(out).replaceAll("$1" + MASK);
        out = LISTEN_KEY_PATH.matcher(out).replaceAll("$1" + MASK);
        return SENSITIVE_HEADER.matcher(out).replaceAll("$1" + MASK);
    }

    /** A recognisable but useless form of a key for a log line: its first four characters and a mask. */
    public static String mask(String key) {
        if (key == null || key.length() < 8) {
            return MASK;
        }
        return key.substring(0, 4) + "…" + MASK;
    }
}
