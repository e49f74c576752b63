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
    String plain = plainUrlCanonical(url.strip());
    return plain != null ? Optional.of(plain) : canonicalUrlOfUri(url);
  }

  /** The canonical form as {@link URI} reads the URL; the reference {@link #plainUrlCanonical} agrees with. */
  static Optional<String> canonicalUrlOfUri(String url) {
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

  /**
   * The canonical form of the common, plain shape of URL ({@code http[s]://host.name[:port]/path?query#fragment}
   * in ASCII, the host a DNS name), read without {@link URI}, which bulk loads spent a tenth of their
   * time in; null for anything else, which {@link URI} then reads. For the URLs it accepts it gives
   * what {@link #canonicalUrlOfUri} gives: every character it lets through is one {@link URI}
   * accepts in that part (RFC 2396, as {@link URI} implements it), and it sends IP addresses, user
   * info, empty or odd hosts and non-ASCII text to {@link URI}.
   */
  static String plainUrlCanonical(String url) {
    int n = url.length();
    int p;
    String scheme;
    if (url.regionMatches(true, 0, "http://", 0, 7)) {
      scheme = "http";
      p = 7;
    } else if (url.regionMatches(true, 0, "https://", 0, 8)) {
      scheme = "https";
      p = 8;
    } else {
      return null;
    }
    // Host: dot-separated labels of letters, digits and inner hyphens; the first starting with a
    // letter (so URI would not try an IPv4 address) and the last too (as URI requires).
    int hostStart = p;
    int lastLabel = p;
    while (true) {
      int labelStart = p;
      while (p < n && isAsciiLetterOrDigit(url.charAt(p)) || p < n && url.charAt(p) == '-') {
        p++;
      }
      if (p == labelStart || url.charAt(labelStart) == '-' || url.charAt(p - 1) == '-') {
        return null;
      }
      lastLabel = labelStart;
      if (p < n && url.charAt(p) == '.') {
        p++;
      } else {
        break;
      }
    }
    if (!isAsciiLetter(url.charAt(hostStart)) || !isAsciiLetter(url.charAt(lastLabel))) {
      return null;
    }
    String host = url.substring(hostStart, p);
    int port = -1;
    if (p < n && url.charAt(p) == ':') {
      int digits = ++p;
      while (p < n && url.charAt(p) >= '0' && url.charAt(p) <= '9') {
        p++;
      }
      if (p == digits || p - digits > 5) {
        return null;
      }
      port = Integer.parseInt(url, digits, p, 10);
    }
    if (p < n && url.charAt(p) != '/' && url.charAt(p) != '?' && url.charAt(p) != '#') {
      return null;
    }
    int pathStart = p;
    p = scanPlain(url, p, PATH_CHARS);
    if (p < 0) {
      return null;
    }
    String path = p == pathStart ? "/" : url.substring(pathStart, p);
    String query = null;
    if (p < n && url.charAt(p) == '?') {
      int queryStart = p + 1;
      p = scanPlain(url, queryStart, URIC_CHARS);
      if (p < 0) {
        return null;
      }
      query = url.substring(queryStart, p);
    }
    if (p < n && (url.charAt(p) != '#' || scanPlain(url, p + 1, URIC_CHARS) != n)) {
      return null;
    }
    boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
    StringBuilder out = new StringBuilder(url.length()).append(scheme).append("://").append(host.toLowerCase(Locale.ROOT));
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    String kept = keptQuery(query);
    if (!kept.isEmpty()) {
      out.append('?').append(kept);
    }
    return out.toString();
  }

  // java.net.URI's sets (RFC 2396): path = pchar | ";" | "/", query and fragment = uric; '%' must start an escape.
  private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()";
  private static final boolean[] PATH_CHARS = asciiSet(UNRESERVED + "%:@&=+$,;/");
  private static final boolean[] URIC_CHARS = asciiSet(UNRESERVED + "%;/?:@&=+$,[]");

  private static boolean[] asciiSet(String chars) {
    boolean[] set = new boolean[128];
    chars.chars().forEach(c -> set[c] = true);
    return set;
  }

  /** The end of the run of {@code allowed} characters from {@code p} (up to '?' or '#' if not allowed), or -1 on a bad escape or character. */
  private static int scanPlain(String url, int p, boolean[] allowed) {
    int n = url.length();
    while (p < n) {
      char c = url.charAt(p);
      if (c == '#' || c == '?' && !allowed['?']) {
        return p;
      }
      if (c >= 128 || !allowed[c]) {
        return -1;
      }
      if (c == '%') {
        if (p + 2 >= n || !HexFormat.isHexDigit(url.charAt(p + 1)) || !HexFormat.isHexDigit(url.charAt(p + 2))) {
          return -1;
        }
      }
      p++;
    }
    return p;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return isAsciiLetter(c) || c >= '0' && c <= '9';
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
