package io.peerpulse.app.generate;

/** Deterministic bit mixing: derived seeds and pseudonyms that look like the HMAC ones of spec/events.md. */
final class Mix {

  private static final char[] BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private Mix() {}

  /** SplitMix64's finaliser over two inputs. */
  static long mix(long a, long b) {
    long z = a * 0x9E37_79B9_7F4A_7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A 22-character base64url pseudonym, the shape of {@code HMAC-SHA-256(key, raw)} cut to 22
   * characters, unique per (seed, site, number) with overwhelming probability.
   */
  static String pseudonym(long seed, int site, long number) {
    long high = mix(mix(seed, site + 0x7E50_0000L), number);
    long low = mix(high, number ^ 0x2545_F491_4F6C_DD1DL);
    char[] text = new char[22];
    for (int i = 0; i < 11; i++) {
      text[i] = BASE64URL[(int) (high >>> (i * 6) & 63)];
      text[11 + i] = BASE64URL[(int) (low >>> (i * 6) & 63)];
    }
    return new String(text);
  }
}
