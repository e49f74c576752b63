package dev.storyline.enrich;

import java.util.Map;

/**
 * Parameters of the MinHash fingerprint: words per shingle, number of signature components and
 * bits kept per component. Part of the enricher version, because signatures made with different
 * parameters must never be compared.
 *
 * @param shingleSize consecutive words per shingle
 * @param components number of MinHash components in a signature
 * @param bitsPerComponent bits kept of each component (1 to 64)
 */
public record FingerprintSettings(int shingleSize, int components, int bitsPerComponent) {

  public static final String SHINGLE_SIZE_CONFIG = "storyline.enrich.minhash.shingle-size";
  public static final String COMPONENTS_CONFIG = "storyline.enrich.minhash.components";
  public static final String BITS_CONFIG = "storyline.enrich.minhash.bits";

  /** Three-word shingles, 128 components of 16 bits: a 256-byte signature. */
  public static final FingerprintSettings DEFAULTS = new FingerprintSettings(3, 128, 16);

  public FingerprintSettings {
    require(shingleSize >= 1, SHINGLE_SIZE_CONFIG, shingleSize, "at least 1");
    require(components >= 1, COMPONENTS_CONFIG, components, "at least 1");
    require(bitsPerComponent >= 1 && bitsPerComponent <= 64, BITS_CONFIG, bitsPerComponent,
        "between 1 and 64");
    require((long) components * bitsPerComponent % 8 == 0, BITS_CONFIG, bitsPerComponent,
        "such that components x bits is a whole number of bytes");
  }

  /** Settings from configuration; absent keys take the {@link #DEFAULTS}. */
  public static FingerprintSettings fromConfig(Map<?, ?> config) {
    return new FingerprintSettings(
        intSetting(config, SHINGLE_SIZE_CONFIG, DEFAULTS.shingleSize),
        intSetting(config, COMPONENTS_CONFIG, DEFAULTS.components),
        intSetting(config, BITS_CONFIG, DEFAULTS.bitsPerComponent));
  }

  /** Canonical description, hashed into the enricher version. */
  public String describe() {
    return "shingles=" + shingleSize + ",components=" + components + ",bits=" + bitsPerComponent;
  }

  static int intSetting(Map<?, ?> config, String key, int defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number", e);
    }
  }

  private static void require(boolean ok, String key, long value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": " + value + " must be " + expected);
    }
  }
}
