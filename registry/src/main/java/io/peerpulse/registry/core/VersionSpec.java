package io.peerpulse.registry.core;

/** A version as a client writes it: a number from 1, or {@code "latest"} / {@code "-1"}. */
record VersionSpec(boolean latest, int number) {

  static VersionSpec parse(String text) {
    if (text == null) {
      throw RegistryException.invalidVersion("null");
    }
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("latest") || trimmed.equals("-1")) {
      return new VersionSpec(true, -1);
    }
    try {
      int number = Integer.parseInt(trimmed);
      if (number >= 1) {
        return new VersionSpec(false, number);
      }
    } catch (NumberFormatException e) {
      // falls through to the 42202 below
    }
    throw RegistryException.invalidVersion(text);
  }
}
