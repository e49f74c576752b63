package dev.storyline.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stable article ids, so the same article ingested twice gets the same Kafka key.
 *
 * <p>With a URL the id hashes the canonical URL (lower-case scheme and host, no default port, no
 * fragment, no tracking parameters such as {@code utm_*}); without one it hashes the normalised
 * source, title and body (Unicode NFKC, lower case, whitespace collapsed), so re-wrapped or
 * re-indented copies of one text still agree.
 */
public final class ArticleIds {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final List<String> TRACKING_PREFIXES =
      List.of("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "igshid");

  private ArticleIds() {}

  /** Id of an article: from its canonical URL when it has one, otherwise from its content. */
  public static String id(Optional<String> url, String source, String title, String body) {
    return url.flatMap(ArticleIds::canonicalUrl)
        .map(u -> hash("url\n" + u))
        .orElseGet(() -> hash("text\n" + normalise(source) + "\n" + normalise(title) + "\n" + normalise(body)));
  }

  /** The canonical form of a URL, or empty when it is not an absolute http(s) URL. */
  public static Optional<String> canonicalUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
        return Optional.empty();
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      StringBuilder out = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
      if (!defaultPort) {
        out.append(':').append(port);
      }
      out.append(path);
      String query = keptQuery(uri.getRawQuery());
      if (!query.isEmpty()) {
        out.append('?').append(query);
      }
      return Optional.of(out.toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String keptQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String param : rawQuery.split("&")) {
      String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!param.isEmpty() && TRACKING_PREFIXES.stream().noneMatch(name::startsWith)) {
        kept.add(param);
      }
    }
    return String.join("&", kept);
  }

  static String normalise(String text) {
    String folded = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(folded).replaceAll(" ").strip();
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      // 64 bits: collisions are negligible at news volume, and the ids stay readable.
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
