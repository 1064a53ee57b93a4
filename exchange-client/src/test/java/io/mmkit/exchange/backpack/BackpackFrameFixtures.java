package io.mmkit.exchange.backpack;

/** Backpack's public payloads in their documented shapes (times in microseconds), for stream tests. */
final class BackpackFrameFixtures {
    private BackpackFrameFixtures() {
    }

    /** A {@code GET /api/v1/depth} body: one level a side, {@code lastUpdateId} a string as Backpack sends it. */
    static String snapshot(long id, String bid, String ask) {
        return String.format(
                "{\"asks\":[[\"%s\",\"5\"]],\"bids\":[[\"%s\",\"5\"]],\"lastUpdateId\":\"%d\",\"timestamp\":1735689600000}",
                ask, bid, id);
    }

    /** A {@code depth.SOL_USDC} event covering update ids {@code first..last}, absolute quantities. */
    static String depth(long first, long last, String bids, String asks) {
        return String.format("{\"e\":\"depth\",\"E\":1735689600000000,\"s\":\"SOL_USDC\",\"a\":%s,\"b\":%s,"
                + "\"U\":%d,\"u\":%d,\"T\":1735689600000000}", asks, bids, first, last);
    }
}
