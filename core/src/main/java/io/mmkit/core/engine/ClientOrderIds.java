package io.mmkit.core.engine;

/**
 * Client order ids that carry this instance's prefix, so an instance can always recognise — and cancel —
 * its own orders, including orphans a crash left behind.
 *
 * <p>An id is the decimal form of {@code prefix << 20 | sequence}: a number below 2<sup>32</sup>, because
 * Backpack takes a {@code u32} client id and Binance any string of up to 36 characters. The prefix is
 * 1..4095; the sequence wraps after 2<sup>20</sup> orders, far more than ever rest at once.
 *
 * <p>Not thread-safe: ids are drawn on the strategy thread.
 */
public final class ClientOrderIds {
    public static final int MAX_PREFIX = 4095;
    private static final int SEQUENCE_BITS = 20;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final int prefix;
    private long sequence;

    /**
     * @param prefix this instance's prefix, 1..4095
     * @param firstSequence where the sequence starts: the live wiring derives it from the clock so a restart
     *     does not reuse recent ids; tests and backtests pass a constant
     */
    public ClientOrderIds(int prefix, long firstSequence) {
        if (prefix < 1 || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("client id prefix must be 1.." + MAX_PREFIX + ", was " + prefix);
        }
        this.prefix = prefix;
        this.sequence = firstSequence & SEQUENCE_MASK;
    }

    /** A stable default prefix for an instance id (String.hashCode is specified, so it never changes). */
    public static int defaultPrefix(String instanceId) {
        int p = (instanceId.hashCode() & 0x7fffffff) % MAX_PREFIX;
        return p + 1;
    }

    public int prefix() {
        return prefix;
    }

    public String next() {
        long id = ((long) prefix << SEQUENCE_BITS) | (sequence & SEQUENCE_MASK);
        sequence = (sequence + 1) & SEQUENCE_MASK;
        return Long.toString(id);
    }

    /** Whether {@code clientOrderId} was drawn by an instance with this prefix. */
    public boolean isOwn(String clientOrderId) {
        return prefixOf(clientOrderId) == prefix;
    }

    /** The prefix an id carries, or -1 if it is not one of ours in form. */
    public static int prefixOf(String clientOrderId) {
        if (clientOrderId == null || clientOrderId.isEmpty() || clientOrderId.length() > 10) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < clientOrderId.length(); i++) {
            char c = clientOrderId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        if (id >= (1L << 32)) {
            return -1;
        }
        return (int) (id >>> SEQUENCE_BITS);
    }
}
