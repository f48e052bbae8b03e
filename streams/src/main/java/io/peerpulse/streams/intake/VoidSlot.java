package io.peerpulse.streams.intake;

import io.peerpulse.streams.model.SequencedEvent;

/**
 * What {@code void-store} keeps per target id: one of
 * <ul>
 *   <li>the effective event with this id (a void may still come): {@code event} set;
 *   <li>a void that came before its target and waits for it: {@code voidedBy} set, not settled;
 *   <li>settled: the target came and was voided, so further voids change nothing.
 * </ul>
 *
 * @param event the effective event with this id, or null
 * @param voidedBy the id of the void that retracts this id, or null
 * @param settled true once the target arrived and was voided
 */
public record VoidSlot(SequencedEvent event, String voidedBy, boolean settled) {

  static VoidSlot effective(SequencedEvent event) {
    return new VoidSlot(event, null, false);
  }

  static VoidSlot waiting(String voidId) {
    return new VoidSlot(null, voidId, false);
  }

  static VoidSlot settled(String voidId) {
    return new VoidSlot(null, voidId, true);
  }

  boolean isWaitingVoid() {
    return event == null && voidedBy != null && !settled;
  }
}
