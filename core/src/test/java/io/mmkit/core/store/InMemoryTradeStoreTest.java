package io.mmkit.core.store;

/** The store contract for the in-memory store used by tests, sweeps and paper runs. */
class InMemoryTradeStoreTest extends TradeStoreContract {
    @Override
    protected TradeStore newStore() {
        return new InMemoryTradeStore();
    }
}
