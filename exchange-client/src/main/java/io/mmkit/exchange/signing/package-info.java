/**
 * Signing for the EIP-712 venues (Aster v3 API wallets, Hyperliquid agents): {@link io.mmkit.exchange.signing.Keccak256},
 * {@link io.mmkit.exchange.signing.EthKey} (secp256k1, RFC 6979, low-s, recovery id),
 * {@link io.mmkit.exchange.signing.EthSignature} and {@link io.mmkit.exchange.signing.Eip712} typed-data hashing.
 * All on BouncyCastle's lightweight API; pure functions and immutable values, no I/O, no static mutable state.
 * Known-answer tests pin each piece to published vectors (the EIP-712 spec's Mail example, keccak of "" and "abc").
 */
package io.mmkit.exchange.signing;
