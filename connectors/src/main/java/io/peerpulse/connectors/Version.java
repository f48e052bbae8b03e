package io.peerpulse.connectors;

/** The plugin version Connect reports, from the jar manifest when packaged. */
public final class Version {

  private Version() {
  }

  public static String get() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0-SNAPSHOT";
  }
}
