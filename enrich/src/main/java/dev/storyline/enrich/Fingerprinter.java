package dev.storyline.enrich;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import com.dynatrace.hash4j.similarity.SuperMinHashVersion;
import dev.storyline.avro.Fingerprints;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Computes an article's {@link Fingerprints}: an exact content hash (XXH3-128 of the normalised
 * title and body) and a SuperMinHash signature over word shingles of the normalised body, both
 * from hash4j, so identical and near-identical articles can be found.
 *
 * <p>The algorithm versions are pinned (SuperMinHash V1, Komihash 5.0 for shingles, XXH3), not
 * left to the library's defaults, so signatures stay comparable across hash4j upgrades; the
 * {@link #scheme()} string names all of them. Thread-safe.
 */
public final class Fingerprinter {

  private static final Hasher128 CONTENT_HASH = Hashing.xxh3_128();
  private static final Hasher64 SHINGLE_HASH = Hashing.komihash5_0();

  private final FingerprintSettings settings;
  private final SimilarityHashPolicy policy;
  private final String scheme;

  public Fingerprinter(FingerprintSettings settings) {
    this.settings = settings;
    this.policy =
        SimilarityHashing.superMinHash(
            settings.components(), settings.bitsPerComponent(), SuperMinHashVersion.V1);
    this.scheme = "superminhash-v1;shingle-hash=komihash5.0;" + settings.describe();
  }

  /** Both fingerprints of an article. */
  public Fingerprints fingerprint(String title, String body) {
    String normalisedBody = TextNormalizer.normalise(body);
    return Fingerprints.newBuilder()
        .setContentHash(contentHashOfNormalised(TextNormalizer.normalise(title), normalisedBody))
        .setMinHash(ByteBuffer.wrap(minHashOfNormalised(normalisedBody)))
        .setMinHashScheme(scheme)
        .build();
  }

  /** 32 hex digits of XXH3-128 over the normalised title, a newline and the normalised body. */
  public String contentHash(String title, String body) {
    return contentHashOfNormalised(TextNormalizer.normalise(title), TextNormalizer.normalise(body));
  }

  private static String contentHashOfNormalised(String title, String body) {
    String content = title + "\n" + body;
    HashValue128 hash = CONTENT_HASH.hashCharsTo128Bits(content);
    // what String.format("%016x%016x", ...) gives, without parsing a format per article
    StringBuilder hex = new StringBuilder(32);
    appendHex(hex, hash.getMostSignificantBits());
    appendHex(hex, hash.getLeastSignificantBits());
    return hex.toString();
  }

  private static void appendHex(StringBuilder out, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      out.append(Character.forDigit((int) (value >>> shift) & 0xf, 16));
    }
  }

  /**
   * SuperMinHash signature of the set of word shingles of the normalised body; a body shorter
   * than one shingle is one shingle; an empty body gives an empty signature.
   */
  public byte[] minHash(String body) {
    return minHashOfNormalised(TextNormalizer.normalise(body));
  }

  private byte[] minHashOfNormalised(String normalised) {
    long[] shingleHashes = shingleHashes(normalised);
    if (shingleHashes.length == 0) {
      return new byte[0];
    }
    return policy.createHasher().compute(ElementHashProvider.ofValues(shingleHashes));
  }

  /**
   * Estimated Jaccard similarity of the shingle sets behind two signatures of this scheme: the
   * fraction of equal components. 0 when either signature is empty.
   */
  public double similarity(byte[] signature, byte[] other) {
    if (signature.length == 0 || other.length == 0) {
      return 0.0;
    }
    return policy.getFractionOfEqualComponents(signature, other);
  }

  /** Name and parameters of the MinHash scheme, stored with every signature. */
  public String scheme() {
    return scheme;
  }

  public FingerprintSettings settings() {
    return settings;
  }

  /**
   * Distinct hashes of the shingles, so a repeated phrase counts once, as a set should. The
   * words of a normalised text are separated by exactly one space, so a shingle is the substring
   * from its first word's start to its last word's end: the words joined, without joining them.
   */
  private long[] shingleHashes(String normalised) {
    if (normalised.isEmpty()) {
      return new long[0];
    }
    int[] starts = new int[normalised.length() / 2 + 1];
    int words = 0;
    starts[words++] = 0;
    for (int i = 0; i < normalised.length(); i++) {
      if (normalised.charAt(i) == ' ') {
        starts[words++] = i + 1;
      }
    }
    int size = Math.min(settings.shingleSize(), words);
    long[] hashes = new long[words - size + 1];
    for (int i = 0; i < hashes.length; i++) {
      int last = i + size - 1;
      int end = last + 1 < words ? starts[last + 1] - 1 : normalised.length();
      hashes[i] = SHINGLE_HASH.hashCharsToLong(normalised.substring(starts[i], end));
    }
    return distinct(hashes);
  }

  /** The values in order of first occurrence, each once: what {@code LongStream.distinct()} keeps, unboxed. */
  private static long[] distinct(long[] values) {
    int capacity = Integer.highestOneBit(Math.max(values.length, 1) * 2) * 2;
    long[] table = new long[capacity];
    boolean[] filled = new boolean[capacity];
    long[] kept = new long[values.length];
    int count = 0;
    for (long value : values) {
      int slot = (int) (value ^ value >>> 32) * 0x9E3779B9 & capacity - 1;
      while (filled[slot] && table[slot] != value) {
        slot = slot + 1 & capacity - 1;
      }
      if (!filled[slot]) {
        filled[slot] = true;
        table[slot] = value;
        kept[count++] = value;
      }
    }
    return count == kept.length ? kept : Arrays.copyOf(kept, count);
  }
}
