/**
 * What every venue gateway is composed of, whatever the venue: the resources it owns ({@link
 * io.mmkit.exchange.venue.VenueSession}), its per-symbol streams ({@link
 * io.mmkit.exchange.venue.StreamingSubscriptions}) and the never-re-send rule for placements ({@link
 * io.mmkit.exchange.venue.PlacementRecovery}). Signing, DTOs, adapters, error mapping and listen keys stay in
 * each venue's own package.
 */
package io.mmkit.exchange.venue;
