package io.mmkit.core.model;

/** Which side of the book an order or fill is on. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for a buy, -1 for a sell: the sign a fill of this side gives to a position. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
