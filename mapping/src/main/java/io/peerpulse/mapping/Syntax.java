package io.peerpulse.mapping;

/**
 * The character rules of identifiers, checked by hand: they run several times per event and a
 * regular expression would cost more than the whole rest of the check.
 */
final class Syntax {

  static final String SITE_ID_RULE = "[a-z0-9-]{1,40}";
  static final String PSEUDONYM_RULE = "[A-Za-z0-9_-]{1,64}";
  static final String PROGRAMME_RULE = "[A-Z0-9_]{1,40}";

  private Syntax() {}

  /** {@value #SITE_ID_RULE} */
  static boolean isSiteId(String text) {
    if (text.isEmpty() || text.length() > 40) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(isLowerOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** {@value #PSEUDONYM_RULE}: person and worker pseudonyms. */
  static boolean isPseudonym(String text) {
    if (text.isEmpty() || text.length() > 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(isLowerOrDigit(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** {@value #PROGRAMME_RULE}: programme names become part of indicator keys, so one spelling only. */
  static boolean isProgramme(String text) {
    if (text.isEmpty() || text.length() > 40) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text has 1 to {@code max} characters (code points, so an emoji counts once). */
  static boolean hasLength(String text, int max) {
    return !text.isEmpty() && (text.length() <= max || text.codePointCount(0, text.length()) <= max);
  }

  private static boolean isLowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
