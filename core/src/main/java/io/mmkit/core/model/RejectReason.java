package io.mmkit.core.model;

/** Business outcomes of a placement that are not errors: the venue answered, and said no. */
public enum RejectReason {
    /** A post-only order would have crossed the book. */
    POST_ONLY_WOULD_CROSS,
    INSUFFICIENT_FUNDS,
    BELOW_MIN_QUANTITY,
    BELOW_MIN_NOTIONAL,
    /** Price or quantity off the instrument's tick or lot grid. */
    INVALID_PRECISION,
    /** A reduce-only order that would increase the position, or nothing to reduce. */
    REDUCE_ONLY_REJECTED,
    /** The client order id is already in use at the venue. */
    DUPLICATE_CLIENT_ID,
    /** An IOC or market order found nothing to trade against. */
    NO_LIQUIDITY,
    /** Any other reason the venue gave; the detail carries its words. */
    OTHER
}
