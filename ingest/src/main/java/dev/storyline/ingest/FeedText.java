package dev.storyline.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the HTML that feeds put in descriptions and content: scripts and styles removed,
 * block ends turned into line breaks, tags dropped, character references decoded, blank runs
 * collapsed. Enough for enrichment, which reads sentences, not layout.
 */
final class FeedText {

  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");
  private static final Pattern BLOCK_END = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|h[1-6]|blockquote)\\s*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\s*\\n\\s*\\n\\s*");

  private FeedText() {}

  static String plain(String html) {
    String text = SCRIPT.matcher(html).replaceAll(" ");
    text = BLOCK_END.matcher(text).replaceAll("\n\n");
    text = TAG.matcher(text).replaceAll("");
    text = decode(text);
    text = SPACES.matcher(text).replaceAll(" ");
    text = BLANK_LINES.matcher(text).replaceAll("\n\n");
    return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").strip();
  }

  private static String decode(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String replacement = switch (ref) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> " ";
        case "mdash" -> "—";
        case "ndash" -> "–";
        case "hellip" -> "…";
        case "rsquo" -> "’";
        case "lsquo" -> "‘";
        case "rdquo" -> "”";
        case "ldquo" -> "“";
        default -> numeric(ref);
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String numeric(String ref) {
    if (!ref.startsWith("#")) {
      return null;
    }
    try {
      int codePoint = ref.startsWith("#x") || ref.startsWith("#X")
          ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
      return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
