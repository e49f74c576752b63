package dev.storyline.enrich;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import com.dynatrace.hash4j.similarity.SuperMinHashVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, among the articles it holds, an exact copy (same content hash) or a near-duplicate (MinHash
 * signatures whose estimated Jaccard similarity reaches a threshold) of a new article.
 *
 * <p>Near-duplicate candidates come from locality-sensitive hashing: each signature is cut into
 * bands of {@value #BAND_BYTES} bytes and two articles are compared only when some band is equal,
 * so a lookup costs a few map reads instead of one comparison per held article. The comparison
 * itself is hash4j's estimate for the signature's scheme; signatures of different schemes are
 * never compared. Not thread-safe.
 */
final class DuplicateDetector {

  /** Three 16-bit components per band: near-certain to meet at Jaccard 0.5, rarely at 0.1. */
  static final int BAND_BYTES = 6;

  private static final Pattern SUPER_MIN_HASH_V1 =
      Pattern.compile("^superminhash-v1;.*components=(\\d+),bits=(\\d+)");
  private static final Hasher64 BAND_HASH = Hashing.xxh3_64();

  /** A held article: id, content hash, signature and its scheme. */
  record Entry(String articleId, String contentHash, byte[] minHash, String scheme) {}

  /** A held entry with its band keys, computed once. */
  private record Held(Entry entry, long[] bands) {}

  private final double threshold;
  private final Map<String, List<String>> idsByContentHash = new HashMap<>();
  /**
   * The ids holding each band key, in the order they were added: the id itself while it is the
   * only one (as for most bands: no list to allocate, and one memory read less per band on every
   * lookup, add and removal), else a {@code List<String>}.
   */
  private final LongObjectMap<Object> idsByBand = new LongObjectMap<>();
  private final Map<String, Held> entries = new HashMap<>();
  /**
   * The last entry looked up, with its band keys: an article is looked up ({@link #copiesOf}) and
   * then added, and hashing its bands is a cost per article.
   */
  private Entry lastEntry;
  private long[] lastBands;
  /** One stream for every band key, reset for each: a new stream per band cost an allocation. */
  private final HashStream64 bandStream = BAND_HASH.hashStream();
  private final Map<String, Optional<SimilarityHashPolicy>> policies = new HashMap<>();

  DuplicateDetector(double threshold) {
    this.threshold = threshold;
  }

  /**
   * Ids of the held articles that {@code entry} is a copy of: exact copies first (in the order
   * given by {@code order}), else near-duplicates at or above the threshold, most similar first.
   */
  List<String> copiesOf(Entry entry) {
    List<String> exact = idsByContentHash.getOrDefault(entry.contentHash(), List.of()).stream()
        .filter(id -> !id.equals(entry.articleId()))
        .toList();
    if (!exact.isEmpty()) {
      return exact;
    }
    Optional<SimilarityHashPolicy> policy = policy(entry.scheme());
    if (policy.isEmpty() || entry.minHash().length == 0) {
      return List.of();
    }
    Map<String, Double> similar = new HashMap<>();
    long[] bands = bandKeys(entry);
    for (long band : bands) {
      Object ids = idsByBand.get(band);
      if (ids instanceof String id) {
        compare(entry, id, policy.get(), similar);
      } else if (ids != null) {
        for (String id : idsOf(ids)) {
          compare(entry, id, policy.get(), similar);
        }
      }
    }
    List<String> result = new ArrayList<>();
    similar.entrySet().stream()
        .filter(e -> e.getValue() >= threshold)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> result.add(e.getKey()));
    return result;
  }

  /** Puts a held article's similarity with the entry, unless it is the entry or already in. */
  private void compare(Entry entry, String id, SimilarityHashPolicy policy,
      Map<String, Double> similar) {
    if (id.equals(entry.articleId()) || similar.containsKey(id)) {
      return;
    }
    Entry other = entries.get(id).entry();
    double similarity =
        other.minHash().length == entry.minHash().length
            ? policy.getFractionOfEqualComponents(entry.minHash(), other.minHash())
            : 0.0;
    similar.put(id, similarity);
  }

  @SuppressWarnings("unchecked")
  private static List<String> idsOf(Object ids) {
    return (List<String>) ids;
  }

  /** Estimated Jaccard similarity of two held-or-new entries; 0 when not comparable. */
  double similarity(Entry a, Entry b) {
    if (a.contentHash().equals(b.contentHash())) {
      return 1.0;
    }
    if (!a.scheme().equals(b.scheme()) || a.minHash().length == 0
        || a.minHash().length != b.minHash().length) {
      return 0.0;
    }
    return policy(a.scheme())
        .map(p -> p.getFractionOfEqualComponents(a.minHash(), b.minHash()))
        .orElse(0.0);
  }

  double threshold() {
    return threshold;
  }

  void add(Entry entry) {
    long[] bands = policy(entry.scheme()).isPresent() ? bandKeys(entry) : new long[0];
    entries.put(entry.articleId(), new Held(entry, bands));
    idsByContentHash.computeIfAbsent(entry.contentHash(), h -> new ArrayList<>(1))
        .add(entry.articleId());
    String id = entry.articleId();
    for (long band : bands) {
      Object ids = idsByBand.get(band);
      if (ids == null) {
        idsByBand.put(band, id);
      } else if (ids instanceof String only) {
        List<String> both = new ArrayList<>(2);
        both.add(only);
        both.add(id);
        idsByBand.put(band, both);
      } else {
        idsOf(ids).add(id);
      }
    }
  }

  void remove(String articleId) {
    Held held = entries.remove(articleId);
    if (held == null) {
      return;
    }
    removeFrom(idsByContentHash, held.entry().contentHash(), articleId);
    for (long band : held.bands()) {
      Object ids = idsByBand.get(band);
      if (ids instanceof String only) {
        if (only.equals(articleId)) {
          idsByBand.remove(band);
        }
      } else if (ids != null) {
        List<String> list = idsOf(ids);
        list.remove(articleId);
        if (list.isEmpty()) {
          idsByBand.remove(band);
        }
      }
    }
  }

  private static <K> void removeFrom(Map<K, List<String>> map, K key, String id) {
    List<String> ids = map.get(key);
    if (ids != null) {
      ids.remove(id);
      if (ids.isEmpty()) {
        map.remove(key);
      }
    }
  }

  private long[] bandKeys(Entry entry) {
    // The keys follow from the scheme and the signature alone.
    if (lastEntry != null && entry.scheme().equals(lastEntry.scheme())
        && Arrays.equals(entry.minHash(), lastEntry.minHash())) {
      return lastBands;
    }
    byte[] signature = entry.minHash();
    int bands = signature.length / BAND_BYTES;
    long schemeHash = BAND_HASH.hashCharsToLong(entry.scheme());
    long[] keys = new long[bands];
    for (int band = 0; band < bands; band++) {
      long bytes = 0;
      for (int i = 0; i < BAND_BYTES; i++) {
        bytes = (bytes << 8) | (signature[band * BAND_BYTES + i] & 0xFF);
      }
      keys[band] = bandStream.reset().putLong(schemeHash).putInt(band).putLong(bytes).getAsLong();
    }
    lastEntry = entry;
    lastBands = keys;
    return keys;
  }

  /** hash4j's policy for a scheme Storyline's {@link Fingerprinter} writes; empty if unknown. */
  private Optional<SimilarityHashPolicy> policy(String scheme) {
    return policies.computeIfAbsent(
        scheme,
        s -> {
          Matcher m = SUPER_MIN_HASH_V1.matcher(s);
          if (!m.find()) {
            return Optional.empty();
          }
          return Optional.of(
              SimilarityHashing.superMinHash(
                  Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                  SuperMinHashVersion.V1));
        });
  }
}
