package io.mmkit.backtest.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Benchmarks measure the engine, not log formatting: the engine's per-iteration INFO lines are turned off. */
final class Quiet {
    private Quiet() {
    }

    static void logs() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("io.mmkit")).setLevel(Level.WARN);
    }
}
