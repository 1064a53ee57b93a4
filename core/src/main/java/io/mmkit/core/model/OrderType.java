package io.mmkit.core.model;

public enum OrderType {
    LIMIT,
    MARKET
}
