package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

  private final Fingerprinter fingerprinter = new Fingerprinter(FingerprintSettings.DEFAULTS);

  @Test
  void shouldGiveTheSameContentHashWhenOnlyCaseWhitespaceAndPunctuationDiffer() {
    // Given
    String title = "US deports Venezuelans";
    String body = "The United States deported 238 Venezuelan migrants.";

    // When
    String hash = fingerprinter.contentHash(title, body);
    String folded =
        fingerprinter.contentHash(
            "us DEPORTS venezuelans!", "The  United\nStates, deported 238 Venezuelan migrants");

    // Then
    assertThat(hash).isEqualTo("c8a0c6f529fca6839e3a72e560c1c2dd").isEqualTo(folded);
  }

  @Test
  void shouldGiveDifferentContentHashesForDifferentContent() {
    // Given
    String title = "US deports Venezuelans";

    // When
    String one = fingerprinter.contentHash(title, "The United States deported 238 migrants.");
    String other = fingerprinter.contentHash(title, "The United States deported 239 migrants.");

    // Then
    assertThat(one).hasSize(32).isNotEqualTo(other);
  }

  @Test
  void shouldEstimateHighSimilarityForNearIdenticalBodies() {
    // Given a syndicated copy that changes one word and adds a credit line
    String original = ArticleFixtures.DEPORTATION_REUTERS_BODY;
    String copy = original.replace("Sunday", "Sunday night") + " Reporting by Reuters staff.";

    // When
    double similarity =
        fingerprinter.similarity(fingerprinter.minHash(original), fingerprinter.minHash(copy));

    // Then
    assertThat(similarity).isGreaterThan(0.75);
  }

  @Test
  void shouldEstimateLowSimilarityForDifferentBodies() {
    // Given two reports of the same event written independently, and an unrelated one
    byte[] reuters = fingerprinter.minHash(ArticleFixtures.DEPORTATION_REUTERS_BODY);
    byte[] ap = fingerprinter.minHash(ArticleFixtures.DEPORTATION_AP_BODY);
    byte[] bbc = fingerprinter.minHash(ArticleFixtures.RATES_BBC_BODY);

    // When / Then: shingles catch copies, not shared topics
    assertThat(fingerprinter.similarity(reuters, bbc)).isLessThan(0.1);
    assertThat(fingerprinter.similarity(reuters, ap)).isLessThan(0.25);
  }

  @Test
  void shouldGiveIdenticalSignaturesForIdenticalBodies() {
    // Given
    String body = ArticleFixtures.RATES_BBC_BODY;

    // When
    byte[] one = fingerprinter.minHash(body);
    byte[] two = fingerprinter.minHash(body.toUpperCase(Locale.ROOT));

    // Then
    assertThat(one).hasSize(256).isEqualTo(two);
    assertThat(fingerprinter.similarity(one, two)).isEqualTo(1.0);
  }

  @Test
  void shouldGiveAnEmptySignatureForAnEmptyBodyAndOneShingleForAShortOne() {
    // Given / When
    byte[] empty = fingerprinter.minHash(" ... ");
    byte[] shortBody = fingerprinter.minHash("Breaking news");

    // Then
    assertThat(empty).isEmpty();
    assertThat(shortBody).hasSize(256);
    assertThat(fingerprinter.similarity(empty, shortBody)).isEqualTo(0.0);
  }

  @Test
  void shouldNameTheSchemeAndItsParameters() {
    // Given / When
    String scheme = new Fingerprinter(new FingerprintSettings(4, 64, 32)).scheme();

    // Then
    assertThat(scheme)
        .isEqualTo("superminhash-v1;shingle-hash=komihash5.0;shingles=4,components=64,bits=32");
    assertThat(fingerprinter.fingerprint("t", "some body text here").getMinHashScheme())
        .isEqualTo("superminhash-v1;shingle-hash=komihash5.0;shingles=3,components=128,bits=16");
  }
}
