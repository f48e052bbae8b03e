package io.peerpulse.streams.intake;

import io.peerpulse.streams.model.SequencedEvent;

/**
 * What {@code void-store} keeps per target id.
 *
 * @param event the effective event with this id (a void may still come), or null
 * @param voidedBy the id of the void that came before its target, or null
 */
public record VoidSlot(SequencedEvent event, String voidedBy) {}
