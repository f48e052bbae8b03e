package io.peerpulse.registry.core;

/** A (subject, version) pair, as listed by {@code GET /schemas/ids/{id}/versions}. */
public record SubjectVersion(String subject, int version) {
}
