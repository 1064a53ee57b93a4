package io.mmkit.core.model;

public enum Liquidity {
    MAKER,
    TAKER
}
