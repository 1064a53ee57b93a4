package io.mmkit.core.model;

/** Spot markets move balances; perpetual markets move a signed position against collateral. */
public enum MarketType {
    SPOT,
    PERPETUAL
}
