package dev.storyline.enrich;

import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the figures a news text reports, typed and normalised: money with its ISO 4217 currency,
 * counts with the thing counted, percentages, dates resolved against the publication date, and
 * years; each with how precisely it is stated (exact, approximate, bound, range, vague), its raw
 * text, offsets and sentence.
 *
 * <p>Rule-based on purpose: the phrasing of figures in news is a small, regular language
 * ("more than 200", "$6m", "two dozen", "10 to 15"), rules are fast, explainable and give
 * the same output on every replay. Stateless and thread-safe.
 */
public final class FigureExtractor {

  private enum TokenKind { NUMBER, WORD, CURRENCY, PERCENT_SIGN, PUNCT }

  /** A token; {@code lower} is its text in lower case, computed once (the rules compare it often). */
  private record Token(TokenKind kind, String text, int start, int end, double value, String lower) {
    Token(TokenKind kind, String text, int start, int end, double value) {
      this(kind, text, start, end, value, text.toLowerCase(Locale.ROOT));
    }

    boolean isWord(String word) {
      return kind == TokenKind.WORD && lower.equals(word);
    }
  }

  /** A number phrase: its value and the tokens {@code [from, to)} it covers. */
  private record NumberPhrase(double value, int from, int to, boolean spelled, boolean plainDigits) {}

  /**
   * One token. Quantifiers are possessive: a number glued to letters ("180.25ml") is no number, and
   * failing it must not retry shorter prefixes. A number may be glued to an ISO code ("115USD") or
   * to 元/円; numbers inside a URL, and a number hyphenated to a capitalised word ("MS-13",
   * "COVID-19", "F-35": part of a name), are no figures.
   */
  private static final Pattern TOKEN = Pattern.compile(
      "(?<url>(?:https?://|www\\.)\\S++)"
          + "|(?<cur>US\\$|C\\$|A\\$|HK\\$|NZ\\$|R\\$|S\\$|[$€£¥₹₩₽₺₪₦₱₫฿₴₡₾₭₿元円])"
          + "|(?<dotted>(?<![\\d.])\\d++(?:\\.\\d++){2,}+)"
          + "|(?<pow>(?<![\\d.])\\d++(?:\\.\\d++)?+(?:[x×]10)?+\\^[-+]*+\\d++)"
          + "|(?<named>(?<=(?<!\\p{L})\\p{Lu}\\p{L}{0,9}-)\\d++(?:\\.\\d++)?+(?![\\p{L}\\d]))"
          + "|(?<frac>(?<![\\d/])\\d++/\\d++(?![\\d/]))"
          + "|(?<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
          + "|(?<num>\\d{1,2}(?:,\\d{2}(?=,))++,\\d{3}(?:\\.\\d++)?+|\\d{1,3}(?:[ \\u00A0\\u2009\\u202F]\\d{3}){2,}+(?:\\.\\d++)?+"
          + "|\\d{1,3}(?:[ \\u00A0\\u2009\\u202F]000)++"
          + "|\\d++(?:,\\d{3})++(?:\\.\\d++)?+|\\d++(?:\\.\\d++)?+(?:[eE][+-]?\\d++)?+|(?<![\\d.])\\.\\d++)"
          + "(?<suffix>(?i:bn|mn|tn|mm|mil|bln|mln|tln|m|k|b))?+"
          + "(?!(?![A-Z]{3}(?![\\p{L}\\d])|[元円])[\\p{L}\\d]|\\.\\d)"
          + "|(?<word>\\p{L}+(?:[-'’.]\\p{L}+)*+\\.?)"
          + "|(?<pct>%)"
          + "|(?<punct>\\S)");

  /** Thousands separators: commas and (no-break, thin) spaces. */
  private static final Pattern SEPARATORS = Pattern.compile("[, \\u00A0\\u2009\\u202F]");

  private static final Pattern EXPONENT = Pattern.compile("\\^([-+]*+)(\\d++)");

  private static final Map<Character, Double> VULGAR_FRACTIONS = Map.ofEntries(
      Map.entry('½', 1 / 2.0), Map.entry('⅓', 1 / 3.0), Map.entry('⅔', 2 / 3.0), Map.entry('¼', 1 / 4.0),
      Map.entry('¾', 3 / 4.0), Map.entry('⅕', 1 / 5.0), Map.entry('⅖', 2 / 5.0), Map.entry('⅗', 3 / 5.0),
      Map.entry('⅘', 4 / 5.0), Map.entry('⅙', 1 / 6.0), Map.entry('⅚', 5 / 6.0), Map.entry('⅛', 1 / 8.0),
      Map.entry('⅜', 3 / 8.0), Map.entry('⅝', 5 / 8.0), Map.entry('⅞', 7 / 8.0));

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
  private static final Pattern DAY_DIGITS = Pattern.compile("\\d{1,2}");
  private static final Pattern INITIALISM = Pattern.compile("(\\p{L}\\.)+");
  private static final Set<String> A_SCALES = Set.of("hundred", "thousand", "million", "billion", "trillion", "dozen",
      "lakh", "crore");
  private static final Set<String> DOZENS = Set.of("dozen", "dozens", "dz", "dzs", "doz", "dozs");
  private static final Set<String> SUBUNITS = Set.of("cent", "cents", "pence", "penny");

  private static final Map<String, Integer> UNITS = Map.ofEntries(
      Map.entry("zero", 0), Map.entry("nought", 0), Map.entry("naught", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
      Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
      Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
      Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
      Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
      Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
      Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
      Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90));

  /**
   * Fraction words, singular ("two thirds", "a quarter", "three hundredths"; plurals are read by
   * dropping the "s"). No "second": "twenty seconds" is a time.
   */
  private static final Map<String, Double> DENOMINATORS = Map.ofEntries(
      Map.entry("half", 2.0), Map.entry("third", 3.0), Map.entry("quarter", 4.0), Map.entry("fourth", 4.0),
      Map.entry("fifth", 5.0), Map.entry("sixth", 6.0), Map.entry("seventh", 7.0), Map.entry("eighth", 8.0),
      Map.entry("ninth", 9.0), Map.entry("tenth", 10.0), Map.entry("eleventh", 11.0), Map.entry("twelfth", 12.0),
      Map.entry("thirteenth", 13.0), Map.entry("fourteenth", 14.0), Map.entry("fifteenth", 15.0),
      Map.entry("sixteenth", 16.0), Map.entry("seventeenth", 17.0), Map.entry("eighteenth", 18.0),
      Map.entry("nineteenth", 19.0), Map.entry("twentieth", 20.0), Map.entry("thirtieth", 30.0),
      Map.entry("fortieth", 40.0), Map.entry("fiftieth", 50.0), Map.entry("sixtieth", 60.0),
      Map.entry("seventieth", 70.0), Map.entry("eightieth", 80.0), Map.entry("ninetieth", 90.0),
      Map.entry("hundredth", 100.0), Map.entry("thousandth", 1e3), Map.entry("millionth", 1e6),
      Map.entry("billionth", 1e9), Map.entry("trillionth", 1e12));

  /** The last word of a compound ordinal ("twenty-first", "three twenty fifths"). */
  private static final Map<String, Integer> UNIT_ORDINALS = Map.of(
      "first", 1, "third", 3, "fourth", 4, "fifth", 5, "sixth", 6, "seventh", 7, "eighth", 8, "ninth", 9);

  /** Words before "two quarters" that make them periods of a year. */
  private static final Set<String> PERIOD_LEADS = Set.of(
      "past", "last", "next", "first", "previous", "consecutive", "straight", "the", "these", "those", "recent",
      "for", "in", "over", "successive", "coming");

  private static final Map<String, Double> SCALES = Map.ofEntries(
      Map.entry("thousand", 1e3), Map.entry("million", 1e6), Map.entry("billion", 1e9), Map.entry("trillion", 1e12),
      Map.entry("bn", 1e9), Map.entry("mn", 1e6), Map.entry("tn", 1e12), Map.entry("bln", 1e9), Map.entry("mln", 1e6),
      Map.entry("tln", 1e12), Map.entry("mil", 1e6), Map.entry("lakh", 1e5), Map.entry("lakhs", 1e5),
      Map.entry("lac", 1e5), Map.entry("crore", 1e7), Map.entry("crores", 1e7));

  private static final Map<String, Double> SUFFIX_SCALES = Map.of(
      "k", 1e3, "m", 1e6, "mn", 1e6, "mm", 1e6, "mil", 1e6, "mln", 1e6, "b", 1e9, "bn", 1e9, "bln", 1e9,
      "tn", 1e12);

  private static final Map<String, String> CURRENCY_SYMBOLS = Map.ofEntries(
      Map.entry("$", "USD"), Map.entry("US$", "USD"), Map.entry("C$", "CAD"), Map.entry("A$", "AUD"),
      Map.entry("HK$", "HKD"), Map.entry("NZ$", "NZD"), Map.entry("R$", "BRL"), Map.entry("S$", "SGD"),
      Map.entry("€", "EUR"), Map.entry("£", "GBP"), Map.entry("¥", "JPY"), Map.entry("₹", "INR"),
      Map.entry("₩", "KRW"), Map.entry("₽", "RUB"), Map.entry("₺", "TRY"), Map.entry("₪", "ILS"),
      Map.entry("₦", "NGN"), Map.entry("₱", "PHP"), Map.entry("₫", "VND"), Map.entry("฿", "THB"),
      Map.entry("₴", "UAH"), Map.entry("₡", "CRC"), Map.entry("₾", "GEL"), Map.entry("₭", "LAK"),
      Map.entry("₿", "XBT"), Map.entry("元", "CNY"), Map.entry("円", "JPY"));

  /**
   * A country letter written before a spaced-out dollar sign ("c $ 16.4 million"). Not "a": in
   * "a $6 million fee" it is the article.
   */
  private static final Map<String, String> DOLLAR_PREFIXES = Map.of(
      "us", "USD", "c", "CAD", "hk", "HKD", "nz", "NZD");

  /** A nationality before a currency noun that names another currency than the noun alone. */
  private static final Map<String, String> NATIONAL_CURRENCIES = Map.ofEntries(
      Map.entry("us dollar", "USD"), Map.entry("us dollars", "USD"), Map.entry("u.s. dollars", "USD"),
      Map.entry("australian dollar", "AUD"), Map.entry("australian dollars", "AUD"),
      Map.entry("canadian dollar", "CAD"), Map.entry("canadian dollars", "CAD"),
      Map.entry("new zealand dollars", "NZD"), Map.entry("hong kong dollars", "HKD"),
      Map.entry("singapore dollars", "SGD"), Map.entry("swiss francs", "CHF"), Map.entry("french francs", "FRF"),
      Map.entry("belgian francs", "BEF"), Map.entry("turkish lira", "TRY"), Map.entry("italian lire", "ITL"),
      Map.entry("italian lira", "ITL"), Map.entry("dutch guilders", "NLG"), Map.entry("finnish markka", "FIM"),
      Map.entry("german marks", "DEM"), Map.entry("deutsche marks", "DEM"), Map.entry("chinese yuan", "CNY"),
      Map.entry("japanese yen", "JPY"), Map.entry("mexican pesos", "MXN"), Map.entry("indian rupees", "INR"),
      Map.entry("russian roubles", "RUB"), Map.entry("russian rubles", "RUB"), Map.entry("swedish kronor", "SEK"),
      Map.entry("danish kroner", "DKK"), Map.entry("norwegian kroner", "NOK"), Map.entry("south african rand", "ZAR"));

  /** ISO codes written before the amount ("USD 200"). */
  private static final Map<String, String> CURRENCY_CODES = Map.ofEntries(
      Map.entry("usd", "USD"), Map.entry("eur", "EUR"), Map.entry("gbp", "GBP"), Map.entry("jpy", "JPY"),
      Map.entry("cny", "CNY"), Map.entry("rmb", "CNY"), Map.entry("chf", "CHF"), Map.entry("cad", "CAD"),
      Map.entry("aud", "AUD"), Map.entry("inr", "INR"), Map.entry("rs", "INR"), Map.entry("rs.", "INR"),
      Map.entry("sek", "SEK"), Map.entry("nok", "NOK"), Map.entry("dkk", "DKK"), Map.entry("hkd", "HKD"),
      Map.entry("sgd", "SGD"), Map.entry("nzd", "NZD"), Map.entry("krw", "KRW"), Map.entry("brl", "BRL"),
      Map.entry("mxn", "MXN"), Map.entry("zar", "ZAR"), Map.entry("rub", "RUB"));

  /** Currency names that may also stand before the amount ("dollar 22.5 million", "sterling 40m"). */
  private static final Set<String> CURRENCY_NAMES_BEFORE = Set.of(
      "dollar", "euro", "sterling", "yen", "yuan", "renminbi", "rupee", "rupees");

  /** Currencies whose hundredth is written "cents", "pence": "3 dollars 50 cents". */
  private static final Set<String> HUNDREDTHS = Set.of(
      "dollar", "dollars", "euro", "euros", "pound", "pounds", "usd", "eur", "gbp", "cad", "aud");

  /**
   * A determiner before "one" makes it a pronoun: "the one left standing", "no one knows". Not
   * "that" or "which": "said that one person died", "in which one officer was hurt".
   */
  private static final Set<String> PRONOUN_ONE_LEADS = Set.of(
      "the", "this", "each", "every", "any", "no", "another", "last", "other");

  /** Units of time: "3 in 24 hours" is no ratio. */
  private static final Set<String> TIME_UNITS = Set.of(
      "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
      "months", "year", "years", "decade", "decades", "games", "matches", "races", "attempts");

  private static final Map<String, String> CURRENCY_WORDS = Map.ofEntries(
      Map.entry("pence", "GBP"), Map.entry("penny", "GBP"), Map.entry("cent", "USD"), Map.entry("rmb", "CNY"),
      Map.entry("pesetas", "ESP"), Map.entry("guilders", "NLG"), Map.entry("marks", "DEM"),
      Map.entry("markka", "FIM"), Map.entry("lira", "TRY"), Map.entry("pesos", "MXN"), Map.entry("roubles", "RUB"),
      Map.entry("rubles", "RUB"), Map.entry("won", "KRW"), Map.entry("rand", "ZAR"), Map.entry("kronor", "SEK"),
      Map.entry("kroner", "DKK"), Map.entry("bitcoins", "XBT"), Map.entry("bitcoin", "XBT"), Map.entry("btc", "XBT"),
      Map.entry("dollar", "USD"), Map.entry("dollars", "USD"), Map.entry("euro", "EUR"),
      Map.entry("euros", "EUR"), Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"),
      Map.entry("sterling", "GBP"), Map.entry("yen", "JPY"), Map.entry("yuan", "CNY"),
      Map.entry("renminbi", "CNY"), Map.entry("rupee", "INR"), Map.entry("rupees", "INR"),
      Map.entry("usd", "USD"), Map.entry("eur", "EUR"), Map.entry("gbp", "GBP"),
      Map.entry("jpy", "JPY"), Map.entry("cny", "CNY"), Map.entry("chf", "CHF"),
      Map.entry("francs", "CHF"), Map.entry("cents", "USD"));

  private static final Map<FigureQualifier, List<String>> QUALIFIERS = Map.of(
      FigureQualifier.APPROXIMATE, List.of("around", "about", "approximately", "roughly", "some",
          "nearly", "almost", "an estimated", "estimated", "close to", "circa", "approx.", "~"),
      FigureQualifier.LOWER_BOUND, List.of("over", "more than", "at least", "upwards of", "above",
          "in excess of", "greater than", "exceeding", "no fewer than", "no less than", "larger than", "bigger than",
          "higher than", "greater than or equal to", "more than or equal to", "exceeds", "exceed", "surpassing"),
      FigureQualifier.UPPER_BOUND, List.of("under", "up to", "fewer than", "less than", "at most",
          "no more than", "below", "as many as", "as much as", "smaller than", "lower than",
          "less than or equal to", "fewer than or equal to"));

  /** Qualifiers written after the number: "200 or more", "5% or less". */
  private static final Map<FigureQualifier, List<String>> POSTFIX_QUALIFIERS = Map.of(
      FigureQualifier.LOWER_BOUND, List.of("or more", "or greater", "or above", "and above", "or over", "and more",
          "or higher"),
      FigureQualifier.UPPER_BOUND, List.of("or less", "or fewer", "or below", "and below", "or under", "or lower"));

  /** A qualifier phrase split into words, for matching without splitting on every token. */
  private record QualifierPhrase(FigureQualifier qualifier, String[] words) {}

  /** Qualifier phrases by their first word, longest first. */
  private static final Map<String, List<QualifierPhrase>> QUALIFIERS_BY_FIRST_WORD = byFirstWord(QUALIFIERS);
  private static final Map<String, List<QualifierPhrase>> POSTFIX_BY_FIRST_WORD = byFirstWord(POSTFIX_QUALIFIERS);

  private static Map<String, List<QualifierPhrase>> byFirstWord(Map<FigureQualifier, List<String>> qualifiers) {
    Map<String, List<QualifierPhrase>> byFirst = new java.util.HashMap<>();
    qualifiers.forEach((qualifier, phrases) -> phrases.forEach(phrase -> {
      String[] words = phrase.split(" ");
      byFirst.computeIfAbsent(words[0], w -> new ArrayList<>()).add(new QualifierPhrase(qualifier, words));
    }));
    byFirst.values().forEach(list -> list.sort((a, b) -> Integer.compare(b.words().length, a.words().length)));
    return Map.copyOf(byFirst);
  }

  /** Punctuation that ends or opens a clause (a hyphen or slash does not: "18-29", "24/7"). */
  private static final Set<String> CLAUSE_MARKS = Set.of(".", ",", ";", ":", "!", "?", "(", ")", "[", "]",
      "\"", "“", "”", "‘", "’", "—", "–", "…");

  /** Words of size that make "a small percent", "a large percentage" a vague percentage. */
  private static final Set<String> PERCENT_SIZES = Set.of(
      "small", "smaller", "tiny", "minuscule", "large", "larger", "big", "bigger", "huge", "high", "higher",
      "low", "lower", "greater", "significant", "substantial", "sizable", "sizeable", "considerable",
      "modest", "growing", "shrinking");

  /** Words of degree before a word of size: "a very small percentage". */
  private static final Set<String> DEGREE_WORDS = Set.of("very", "relatively", "fairly", "much", "far");

  private static final Map<String, Integer> VAGUE = Map.of(
      "dozens", 12, "scores", 20, "hundreds", 100, "thousands", 1000, "millions", 1_000_000,
      "billions", 1_000_000_000, "tens", 10);

  /** Words that end the noun phrase naming what was counted. */
  private static final Set<String> PHRASE_STOPS = Set.of(
      "to", "from", "in", "into", "on", "at", "for", "with", "by", "of", "under", "over", "as",
      "and", "or", "but", "who", "whom", "whose", "that", "which", "were", "was", "are", "is",
      "be", "been", "have", "has", "had", "will", "would", "could", "should", "can", "may",
      "might", "than", "since", "after", "before", "during", "while", "per", "a", "an", "the",
      "this", "these", "those", "their", "its", "his", "her", "our", "said", "says", "say",
      "each", "last", "next", "ago", "earlier", "later", "year", "years", "old", "percent", "if",
      "when", "where", "until", "between", "about", "around", "against", "across", "out", "off",
      "i", "you", "we", "they", "he", "she", "it", "me", "them", "do", "does", "did", "plus", "minus");

  /** Hedges and modifiers in front of what was counted that are not part of it. */
  private static final Set<String> LEADING_MODIFIERS = Set.of(
      "alleged", "suspected", "additional", "more", "other", "new", "further", "extra",
      "reported", "estimated", "so-called", "purported");

  private static final Map<String, Month> MONTHS = months();

  private static final Map<String, DayOfWeek> WEEKDAYS = Map.of(
      "monday", DayOfWeek.MONDAY, "tuesday", DayOfWeek.TUESDAY, "wednesday", DayOfWeek.WEDNESDAY,
      "thursday", DayOfWeek.THURSDAY, "friday", DayOfWeek.FRIDAY, "saturday", DayOfWeek.SATURDAY,
      "sunday", DayOfWeek.SUNDAY);

  /** Words before a lone month name that make it a date ("in March"), not the verb "may". */
  private static final Set<String> MONTH_LEADS = Set.of(
      "in", "since", "during", "until", "till", "by", "last", "this", "next", "early", "late",
      "mid", "mid-", "through", "from", "of", "before", "after");

  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "jr", "sr", "no", "vs", "prof",
      "lt", "col", "sgt", "capt", "mt", "ft", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
      "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  /** The figures of {@code text}, in text order, dates resolved against {@code published}. */
  public List<Figure> extract(String text, LocalDate published) {
    List<Token> tokens = tokenize(text);
    boolean[] used = new boolean[tokens.size()];
    List<Figure> figures = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (used[i]) {
        continue;
      }
      int end = date(text, tokens, i, published, figures);
      if (end < 0) {
        end = percentOf(text, tokens, i, figures);
      }
      if (end < 0) {
        end = vaguePercent(text, tokens, i, figures);
      }
      if (end < 0) {
        end = quantity(text, tokens, i, figures);
      }
      if (end > i) {
        for (int j = i; j < end; j++) {
          used[j] = true;
        }
        i = end - 1;
      }
    }
    figures.sort((a, b) -> Integer.compare(a.getStart(), b.getStart()));
    return figures;
  }

  // ---------------------------------------------------------------- tokens

  /**
   * The tokens of {@code text}: what repeated {@code TOKEN.matcher(text).find()} gives, with the
   * two commonest cases, a plain word and a punctuation mark no other alternative of {@link #TOKEN}
   * can start with, read directly instead of through the regex (which tries its dozen
   * alternatives, lookbehinds included, at every token; most tokens of an article are words).
   */
  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int length = text.length();
    int p = 0;
    while (p < length) {
      char c = text.charAt(p);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
        // the regex's \S: the only characters no alternative matches
        p++;
        continue;
      }
      boolean letter = c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(text.codePointAt(p));
      if (letter && !urlOrCurrencyAt(text, p)) {
        int end = wordEnd(text, p);
        addWord(text, tokens, p, end, text.substring(p, end));
        p = end;
        continue;
      }
      if (!letter && PLAIN_PUNCT.indexOf(c) >= 0
          || c == '.' && (p + 1 == length || text.charAt(p + 1) < '0' || text.charAt(p + 1) > '9')) {
        // a period before no digit: no ".5", so the punct alternative
        tokens.add(new Token(TokenKind.PUNCT, String.valueOf(c), p, p + 1, 0));
        p++;
        continue;
      }
      if (!m.find(p)) {
        break;
      }
      p = m.end();
      if (m.group("cur") != null) {
        tokens.add(new Token(TokenKind.CURRENCY, m.group(), m.start(), m.end(), 0));
      } else if (m.group("url") != null || m.group("named") != null) {
        tokens.add(new Token(TokenKind.PUNCT, m.group(), m.start(), m.end(), 0));
      } else if (m.group("dotted") != null) {
        // "192.168.1.2", "22.11.2026": separate numbers, not one decimal
        int start = m.start();
        for (String part : m.group().split("\\.")) {
          if (start > m.start()) {
            tokens.add(new Token(TokenKind.PUNCT, ".", start - 1, start, 0));
          }
          tokens.add(new Token(TokenKind.NUMBER, part, start, start + part.length(), Double.parseDouble(part)));
          start += part.length() + 1;
        }
      } else if (m.group("pow") != null) {
        addNumber(text, tokens, m.start(), m.end(), power(m.group()));
      } else if (m.group("frac") != null) {
        String[] parts = m.group().split("/");
        double numerator = Double.parseDouble(parts[0]);
        double denominator = Double.parseDouble(parts[1]);
        if (denominator == 0 || numerator >= denominator) {
          // "24/7", "2222/2222": not a fraction, and no figure
          tokens.add(new Token(TokenKind.PUNCT, m.group(), m.start(), m.end(), 0));
        } else if (!addMixed(text, tokens, m.start(), m.end(), numerator / denominator)) {
          addNumber(text, tokens, m.start(), m.end(), numerator / denominator);
        }
      } else if (m.group("vulgar") != null) {
        double value = VULGAR_FRACTIONS.get(m.group().charAt(0));
        if (!addMixed(text, tokens, m.start(), m.end(), value)) {
          addNumber(text, tokens, m.start(), m.end(), value);
        }
      } else if (m.group("num") != null) {
        double value = Double.parseDouble(SEPARATORS.matcher(m.group("num")).replaceAll(""));
        String suffix = m.group("suffix");
        if (suffix != null && !suffix.equals(suffix.toLowerCase(Locale.ROOT)) && !afterCurrency(text, tokens, m.start())) {
          // "3M", "7B": a name unless money ("$10M", "US$ 1MM")
          tokens.add(new Token(TokenKind.PUNCT, m.group(), m.start(), m.end(), 0));
          continue;
        }
        if (suffix != null) {
          value *= SUFFIX_SCALES.get(suffix.toLowerCase(Locale.ROOT));
        }
        addNumber(text, tokens, m.start(), m.end(), value);
      } else if (m.group("word") != null) {
        addWord(text, tokens, m.start(), m.end(), m.group());
      } else if (m.group("pct") != null) {
        tokens.add(new Token(TokenKind.PERCENT_SIGN, "%", m.start(), m.end(), 0));
      } else {
        tokens.add(new Token(TokenKind.PUNCT, m.group(), m.start(), m.end(), 0));
      }
    }
    return tokens;
  }

  /** Adds the word {@code matched}, {@code [start, wordEnd)}, as the regex's word alternative matched it. */
  private static void addWord(String text, List<Token> tokens, int start, int wordEnd, String matched) {
      int end = wordEnd;
      String word = matched;
      // A sentence-final period is not part of the word; the one of "U.S." or "Dr." is.
      boolean period = false;
      if (word.endsWith(".") && word.indexOf('.') == word.length() - 1
          && !ABBREVIATIONS.contains(word.substring(0, word.length() - 1).toLowerCase(Locale.ROOT))) {
        word = word.substring(0, word.length() - 1);
        end--;
        period = true;
      }
      int dash = word.indexOf('-');
      if (dash > 0 && spelledPart(word.substring(0, dash).toLowerCase(Locale.ROOT)) != null
          && CURRENCY_WORDS.containsKey(word.substring(dash + 1).toLowerCase(Locale.ROOT))) {
        // "one-yen", "five-dollar": the amount and its currency
        tokens.add(new Token(TokenKind.WORD, word.substring(0, dash), start, start + dash, 0));
        tokens.add(new Token(TokenKind.PUNCT, "-", start + dash, start + dash + 1, 0));
        tokens.add(new Token(TokenKind.WORD, word.substring(dash + 1), start + dash + 1, end, 0));
      } else {
        tokens.add(new Token(TokenKind.WORD, word, start, end, 0));
      }
      if (period) {
        // the sentence ends here: what was counted does not run on into the next one
        tokens.add(new Token(TokenKind.PUNCT, ".", end, end + 1, 0));
      }
  }

  /** Punctuation no alternative of {@link #TOKEN} but the last ({@code punct}) can start with. */
  private static final String PLAIN_PUNCT = ",;:!?()[]{}\"'“”‘’-–—/&*#@+=<>|";

  /** Whether the {@code url} or {@code cur} alternative of {@link #TOKEN} could match at {@code p}, a letter. */
  private static boolean urlOrCurrencyAt(String text, int p) {
    char c = text.charAt(p);
    if (c == 'h' || c == 'w') {
      return text.startsWith("http://", p) || text.startsWith("https://", p) || text.startsWith("www.", p);
    }
    if (c == 'U' || c == 'C' || c == 'A' || c == 'H' || c == 'N' || c == 'R' || c == 'S') {
      // "US$", "C$", "HK$" ...: a dollar sign one or two characters on
      return p + 1 < text.length() && text.charAt(p + 1) == '$'
          || p + 2 < text.length() && text.charAt(p + 2) == '$';
    }
    return c == '元' || c == '円';
  }

  /** Where the regex's {@code word} alternative, {@code \\p{L}+(?:[-'’.]\\p{L}+)*+\\.?}, ends when it starts at {@code p}. */
  private static int wordEnd(String text, int p) {
    int length = text.length();
    int e = letters(text, p);
    while (e + 1 < length && "-'’.".indexOf(text.charAt(e)) >= 0 && Character.isLetter(text.codePointAt(e + 1))) {
      e = letters(text, e + 1);
    }
    if (e < length && text.charAt(e) == '.') {
      e++;
    }
    return e;
  }

  /** The end of the run of letters (code points) starting at {@code p}. */
  private static int letters(String text, int p) {
    int length = text.length();
    while (p < length) {
      int cp = text.codePointAt(p);
      if (!Character.isLetter(cp)) {
        break;
      }
      p += Character.charCount(cp);
    }
    return p;
  }

  /** Whether the token before {@code start} is a currency symbol, glued or one space away. */
  private static boolean afterCurrency(String text, List<Token> tokens, int start) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token previous = tokens.get(tokens.size() - 1);
    return previous.kind == TokenKind.CURRENCY && start - previous.end <= 1 && text.substring(previous.end, start).isBlank();
  }

  /** Adds a number token; a minus sign right before it after a space or at the start makes it negative. */
  private static void addNumber(String text, List<Token> tokens, int start, int end, double value) {
    // "-5" is negative; in "10-15" the dash links a range.
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).text.equals("-")
        && tokens.get(tokens.size() - 1).end == start
        && (start == 1 || !Character.isLetterOrDigit(text.charAt(start - 2)))) {
      tokens.remove(tokens.size() - 1);
      start--;
      value = -value;
    }
    tokens.add(new Token(TokenKind.NUMBER, text.substring(start, end), start, end, value));
  }

  /** "2 1/4", "2½": a whole number right before a fraction makes one mixed number; false if there is none. */
  private static boolean addMixed(String text, List<Token> tokens, int start, int end, double fraction) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token whole = tokens.get(tokens.size() - 1);
    if (whole.kind != TokenKind.NUMBER || !DIGITS.matcher(whole.text.startsWith("-") ? whole.text.substring(1) : whole.text).matches()
        || start - whole.end > 2 || !text.substring(whole.end, start).isBlank()) {
      return false;
    }
    tokens.remove(tokens.size() - 1);
    double value = whole.value < 0 ? whole.value - fraction : whole.value + fraction;
    tokens.add(new Token(TokenKind.NUMBER, text.substring(whole.start, end), whole.start, end, value));
    return true;
  }

  /** "1.1^23", "2.5^-1", "1.3x10^6": the value of a power written with a caret. */
  private static double power(String written) {
    int caret = written.indexOf('^');
    Matcher exponent = EXPONENT.matcher(written);
    exponent.find(caret);
    long minuses = exponent.group(1).chars().filter(c -> c == '-').count();
    double exp = Double.parseDouble(exponent.group(2)) * (minuses % 2 == 1 ? -1 : 1);
    String base = written.substring(0, caret);
    int times = Math.max(base.indexOf('x'), base.indexOf('×'));
    if (times > 0) {
      return Double.parseDouble(base.substring(0, times)) * Math.pow(10, exp);
    }
    return Math.pow(Double.parseDouble(base), exp);
  }

  // ---------------------------------------------------------------- quantities

  /** Tries a money, percent, count or year figure starting at token {@code i}; the token after it, or -1. */
  private int quantity(String text, List<Token> tokens, int i, List<Figure> out) {
    int from = i;
    FigureQualifier qualifier = FigureQualifier.EXACT;
    QualifierPhrase before = qualifierAt(tokens, i, QUALIFIERS_BY_FIRST_WORD);
    int afterQualifier = i;
    if (before != null) {
      qualifier = before.qualifier();
      i += before.words().length;
      afterQualifier = i;
    }
    boolean between = false;
    if (i < tokens.size() && tokens.get(i).isWord("between")) {
      between = true;
      i++;
    }
    if (i >= tokens.size()) {
      return -1;
    }
    String currency = null;
    double currencyScale = 1;
    boolean nameBefore = false;
    Token first = tokens.get(i);
    if (first.kind == TokenKind.CURRENCY) {
      currency = CURRENCY_SYMBOLS.get(first.text);
      i++;
    } else if (first.kind == TokenKind.WORD && CURRENCY_CODES.containsKey(first.lower)
        && i + 1 < tokens.size() && tokens.get(i + 1).kind == TokenKind.NUMBER) {
      currency = CURRENCY_CODES.get(first.lower);
      i++;
    } else if (first.kind == TokenKind.WORD && DOLLAR_PREFIXES.containsKey(first.lower)
        && i + 1 < tokens.size() && tokens.get(i + 1).text.equals("$")
        && tokens.get(i + 1).start == first.end + 1) {
      currency = DOLLAR_PREFIXES.get(first.lower);
      i += 2;
    } else if (first.kind == TokenKind.WORD && i + 1 < tokens.size() && tokens.get(i + 1).kind == TokenKind.NUMBER
        && (millionCode(first) != null || CURRENCY_NAMES_BEFORE.contains(first.lower))) {
      // "MAUD 60" (60 million AUD), "dollar 22.5 million"
      currency = millionCode(first) != null ? millionCode(first) : CURRENCY_WORDS.get(first.lower);
      currencyScale = millionCode(first) != null ? 1e6 : 1;
      nameBefore = true;
      i++;
    }
    int vague = vague(text, tokens, i, from, qualifier, out);
    if (vague > 0 && currency == null) {
      return vague;
    }
    boolean negative = false;
    if (i + 1 < tokens.size() && (tokens.get(i).isWord("minus") || tokens.get(i).isWord("negative"))) {
      negative = true;
      i++;
    }
    NumberPhrase number = number(tokens, i);
    if (number == null && afterQualifier > from && tokens.get(i).isWord("half")) {
      // "more than half", "nearly half"
      number = new NumberPhrase(0.5, i, i + 1, true, false);
    }
    if (number == null) {
      return -1;
    }
    if (nameBefore && number.to < tokens.size()
        && (tokens.get(number.to).kind == TokenKind.PERCENT_SIGN || percentWord(tokens, number.to) > number.to)) {
      // "the dollar 1.5 percent higher": the currency is not the amount's
      return -1;
    }
    if (number.spelled && number.value == 1 && number.to - number.from == 1 && i == from && i > 0
        && PRONOUN_ONE_LEADS.contains(tokens.get(i - 1).lower)) {
      // "the one you mentioned", "which one"
      return -1;
    }
    double value = (negative ? -number.value : number.value) * currencyScale;
    Double upper = null;
    boolean ratio = false;
    int next = number.to;
    // A range: "10 to 15", "10-15", "between 10 and 15", "$10 to $15 million".
    if (next + 1 < tokens.size()) {
      Token link = tokens.get(next);
      boolean isLink = link.isWord("to") || link.isWord("through") || link.text.equals("-") || link.text.equals("–")
          || (between && link.isWord("and"));
      if (isLink) {
        int secondStart = next + 1;
        if (secondStart < tokens.size() && tokens.get(secondStart).kind == TokenKind.CURRENCY) {
          secondStart++;
        }
        NumberPhrase second = number(tokens, secondStart);
        boolean dashBefore = number.from > 0 && tokens.get(number.from - 1).text.equals("-")
            && tokens.get(number.from - 1).end == tokens.get(number.from).start;
        boolean dashAfter = second != null && second.to + 1 < tokens.size() && tokens.get(second.to).text.equals("-")
            && tokens.get(second.to + 1).kind == TokenKind.NUMBER;
        if (second != null && link.text.equals("-") && (dashBefore || dashAfter)) {
          // "+1-222-2222": a code, not a range
          second = null;
        }
        if (second != null && second.value > 0) {
          double lower = value;
          // "10 to 15 million": the scale written once applies to both ends.
          if (second.value >= 1000 * lower && number.plainDigits && !second.plainDigits && lower < 1000) {
            double scale = Math.pow(1000, Math.floor(Math.log10(second.value / lower) / 3));
            lower *= scale;
          }
          if (second.value > lower) {
            value = lower;
            upper = second.value;
            qualifier = FigureQualifier.RANGE;
            next = second.to;
          }
        }
      }
    }
    QualifierPhrase postfix = upper == null && (qualifier == FigureQualifier.EXACT || qualifier == FigureQualifier.APPROXIMATE)
        ? qualifierAt(tokens, next, POSTFIX_BY_FIRST_WORD) : null;
    if (postfix != null) {
      // "200 or more people"
      qualifier = postfix.qualifier();
      next += postfix.words().length;
    }
    if (upper == null && currency == null && postfix == null) {
      int[] ratioEnd = ratio(tokens, next, Math.abs(value));
      if (ratioEnd != null) {
        // "one out of three", "1 in 5", "one over twenty": a share
        value = value / number(tokens, ratioEnd[0]).value;
        next = ratioEnd[1];
        ratio = true;
      }
    }
    FigureKind kind;
    String unit = null;
    int end = next;
    if (currency == null && !ratio && next + 1 < tokens.size() && tokens.get(next).text.equals("-")
        && tokens.get(next).start == tokens.get(next - 1).end && tokens.get(next + 1).start == tokens.get(next).end
        && tokens.get(next + 1).kind == TokenKind.WORD) {
      // "12-cent-a-share", "one-yen"
      String word = tokens.get(next + 1).lower;
      String head = word.indexOf('-') > 0 ? word.substring(0, word.indexOf('-')) : word;
      if (CURRENCY_WORDS.containsKey(head)) {
        currency = CURRENCY_WORDS.get(head);
        if (SUBUNITS.contains(head)) {
          value /= 100;
        }
        end = next + 2;
        next = end;
      }
    }
    if (currency == null && !ratio && next < tokens.size() && millionCode(tokens.get(next)) != null) {
      // "30 MUSD": millions of USD
      currency = millionCode(tokens.get(next));
      value *= 1e6;
      upper = upper == null ? null : upper * 1e6;
      end = next + 1;
      next = end;
    }
    if (currency == null && !ratio && next < tokens.size()) {
      int[] after = currencyAfter(tokens, next);
      if (after != null) {
        String word = tokens.get(after[0] - 1).lower;
        currency = after[1] == 0 ? CURRENCY_SYMBOLS.get(tokens.get(next).text)
            : after[1] == 1 ? CURRENCY_WORDS.get(word) : nationalCurrency(tokens, next, after[0]);
        // Amounts in cents or pence are written in the main unit, as ISO 4217 amounts are.
        if (SUBUNITS.contains(word)) {
          value /= 100;
          upper = upper == null ? null : upper / 100;
        }
        end = after[0];
        next = after[0];
        if (next < tokens.size() && wordScale(tokens.get(next)) > 0 && number.plainDigits) {
          // "75 USD million"
          value *= wordScale(tokens.get(next));
          upper = upper == null ? null : upper * wordScale(tokens.get(next));
          end = ++next;
        } else if (upper == null && HUNDREDTHS.contains(word)) {
          int[] cents = hundredths(tokens, next);
          if (cents != null) {
            // "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
            value += number(tokens, cents[0]).value / 100;
            end = cents[1];
            next = end;
          }
        }
      }
    }
    if (currency != null) {
      kind = FigureKind.MONEY;
      unit = currency;
    } else if (next < tokens.size() && tokens.get(next).kind == TokenKind.PERCENT_SIGN) {
      kind = FigureKind.PERCENT;
      end = next + 1;
    } else if (next < tokens.size() && percentWord(tokens, next) > next) {
      kind = FigureKind.PERCENT;
      end = percentWord(tokens, next);
    } else if (isYear(tokens.get(number.from), number, upper, qualifier) && !ratio) {
      kind = FigureKind.YEAR;
    } else if (ratio) {
      kind = FigureKind.OTHER;
      int[] thing = countedThing(tokens, next);
      if (thing != null) {
        unit = text.substring(tokens.get(thing[0]).start, tokens.get(thing[1] - 1).end);
        end = thing[1];
      }
    } else {
      int[] thing = countedThing(tokens, next);
      if (thing != null) {
        unit = text.substring(tokens.get(thing[0]).start, tokens.get(thing[1] - 1).end);
        end = thing[1];
        kind = FigureKind.COUNT;
      } else {
        unit = countedBefore(tokens, from);
        kind = unit == null ? FigureKind.OTHER : FigureKind.COUNT;
        // A lone spelled "one" is nearly always a pronoun ("one of them"), not a figure.
        if (number.spelled && value == 1 && unit == null) {
          return -1;
        }
      }
    }
    if (postfix == null && upper == null && kind != FigureKind.COUNT
        && (qualifier == FigureQualifier.EXACT || qualifier == FigureQualifier.APPROXIMATE)) {
      // "5% or less", "$200 or more"
      postfix = qualifierAt(tokens, end, POSTFIX_BY_FIRST_WORD);
      if (postfix != null) {
        qualifier = postfix.qualifier();
        end += postfix.words().length;
        if (kind == FigureKind.YEAR) {
          kind = FigureKind.OTHER;
        }
      }
    }
    int startChar = tokens.get(from).start;
    int endChar = tokens.get(end - 1).end;
    out.add(figure(text, kind, qualifier, value, upper, unit, null, startChar, endChar));
    return end;
  }

  /**
   * A percentage written number-last at the start of a clause, "percent of 10", "per cent of
   * twenty-two" (as a label or an answer: "Turnout? Per cent of 60."), the number ending the
   * clause. Only clause punctuation ({@link #CLAUSE_MARKS}) may stand before the percent word and
   * after the number, so "a tiny percent of 1,000 voters", "5 percent of 200 seats", "Percent of
   * 300 respondents", the poll label "Percent of 18-29" and a year ("Percent of 2020.") are not
   * read this way; the token after it, or -1.
   */
  private int percentOf(String text, List<Token> tokens, int i, List<Figure> out) {
    if (i > 0 && !CLAUSE_MARKS.contains(tokens.get(i - 1).text)) {
      return -1;
    }
    int of = percentWord(tokens, i);
    if (of == i || of >= tokens.size() || !tokens.get(of).isWord("of")
        || tokens.get(of - 1).isWord("points") || tokens.get(of - 1).isWord("point")
        || tokens.get(i).isWord("percentage") || tokens.get(i).isWord("pct")) {
      return -1;
    }
    NumberPhrase number = of + 1 < tokens.size() ? number(tokens, of + 1) : null;
    if (number == null || (number.to < tokens.size() && !CLAUSE_MARKS.contains(tokens.get(number.to).text))
        || isYear(tokens.get(number.from), number, null, FigureQualifier.EXACT)) {
      // "Percent of 2020.": of the year's level, not 2020 percent
      return -1;
    }
    out.add(figure(text, FigureKind.PERCENT, FigureQualifier.EXACT, number.value, null, null, null,
        tokens.get(i).start, tokens.get(number.to - 1).end));
    return number.to;
  }

  /**
   * A percentage stated by its size without a number, "a small percent", "a very large
   * percentage of voters", "a significant per cent": a VAGUE PERCENT without a value, as
   * "hundreds" is a vague count. Only after "a"/"an" and a word of size from {@link
   * #PERCENT_SIZES}: "a percentage", "the percentage of voters", "a sufficient percentage" and
   * "a small percentage point" state no share; the token after it, or -1.
   */
  private static int vaguePercent(String text, List<Token> tokens, int i, List<Figure> out) {
    if (!tokens.get(i).isWord("a") && !tokens.get(i).isWord("an")) {
      return -1;
    }
    int size = i + 1;
    if (size < tokens.size() && DEGREE_WORDS.contains(tokens.get(size).lower)) {
      size++;
    }
    if (size + 1 >= tokens.size() || tokens.get(size).kind != TokenKind.WORD
        || !PERCENT_SIZES.contains(tokens.get(size).lower)) {
      return -1;
    }
    int word = size + 1;
    int end = percentWord(tokens, word);
    boolean points = end > word && (tokens.get(end - 1).isWord("points") || tokens.get(end - 1).isWord("point"));
    if (end == word || points) {
      return -1;
    }
    out.add(figure(text, FigureKind.PERCENT, FigureQualifier.VAGUE, null, null, null, null,
        tokens.get(i).start, tokens.get(end - 1).end));
    return end;
  }

  /** "MUSD", "MEUR": an ISO code with an M for millions, as Nordic reports write it; its code, or null. */
  private static String millionCode(Token t) {
    if (t.kind != TokenKind.WORD || t.text.length() != 4 || t.text.charAt(0) != 'M'
        || !Character.isUpperCase(t.text.charAt(1)) || !Character.isUpperCase(t.text.charAt(3))) {
      return null;
    }
    return CURRENCY_CODES.get(t.lower.substring(1));
  }

  /**
   * The hundredths after an amount in a main unit at {@code i} ("50 cents", "and forty-five
   * cents", "50" at the end of the clause): {@code {numberStart, end}}, or null.
   */
  private static int[] hundredths(List<Token> tokens, int i) {
    int k = i < tokens.size() && tokens.get(i).isWord("and") ? i + 1 : i;
    if (k >= tokens.size() || (tokens.get(k).kind != TokenKind.NUMBER && tokens.get(k).kind != TokenKind.WORD)) {
      return null;
    }
    NumberPhrase cents = number(tokens, k);
    if (cents == null || cents.value <= 0 || cents.value >= 100 || cents.value != Math.rint(cents.value)
        || (cents.to - cents.from == 1 && tokens.get(k).kind == TokenKind.NUMBER && !plainDigits(tokens.get(k)))) {
      return null;
    }
    if (cents.to < tokens.size() && SUBUNITS.contains(tokens.get(cents.to).lower)) {
      return new int[] {k, cents.to + 1};
    }
    boolean clauseEnds = cents.to >= tokens.size() || tokens.get(cents.to).kind == TokenKind.PUNCT;
    return clauseEnds ? new int[] {k, cents.to} : null;
  }

  /**
   * A share written "X out of Y", "X in Y" or "X over Y" after the number ending at {@code i}:
   * {@code {denominatorStart, end}}, or null. Not "3 in 24 hours", "5 in 2019" or "$2000 over 3
   * years": "in" needs a denominator larger than X that is no year and no time, "over" one that
   * ends the clause.
   */
  private static int[] ratio(List<Token> tokens, int i, double numerator) {
    if (i + 1 >= tokens.size() || numerator <= 0) {
      return null;
    }
    Token link = tokens.get(i);
    int k;
    if (link.isWord("out") && tokens.get(i + 1).isWord("of")) {
      k = i + 2;
    } else if (link.isWord("in") || link.isWord("over")) {
      k = i + 1;
    } else {
      return null;
    }
    NumberPhrase denominator = k < tokens.size() ? number(tokens, k) : null;
    if (denominator == null || denominator.value <= 0) {
      return null;
    }
    Token after = denominator.to < tokens.size() ? tokens.get(denominator.to) : null;
    if (!link.isWord("over") && denominator.value <= numerator) {
      return null;
    }
    if (link.isWord("in")) {
      boolean year = denominator.plainDigits && FOUR_DIGITS.matcher(tokens.get(k).text).matches();
      if (numerator != Math.rint(numerator) || year
          || (after != null && TIME_UNITS.contains(after.lower))) {
        return null;
      }
    } else if (link.isWord("over") && after != null && after.kind == TokenKind.WORD) {
      return null;
    }
    return new int[] {k, denominator.to};
  }

  /**
   * A currency written after the amount at {@code i}: {@code {end, 0}} for a symbol ("10 $"),
   * {@code {end, 1}} for a currency word ("dollars"), {@code {end, 2}} for a nationality and a
   * currency word ("swiss francs"); null if none.
   */
  private static int[] currencyAfter(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (t.kind == TokenKind.CURRENCY && CURRENCY_SYMBOLS.containsKey(t.text)
        && (i + 1 >= tokens.size() || tokens.get(i + 1).kind != TokenKind.NUMBER)) {
      return new int[] {i + 1, 0};
    }
    for (int words = 3; words >= 2; words--) {
      if (i + words <= tokens.size() && nationalCurrency(tokens, i, i + words) != null) {
        return new int[] {i + words, 2};
      }
    }
    if (t.kind == TokenKind.WORD && CURRENCY_WORDS.containsKey(t.lower)
        && !(i + 1 < tokens.size() && tokens.get(i + 1).kind == TokenKind.NUMBER && tokens.get(i + 1).start == t.end)) {
      // not "USD50": a code glued to the next number is that number's
      return new int[] {i + 1, 1};
    }
    return null;
  }

  private static String nationalCurrency(List<Token> tokens, int from, int to) {
    StringBuilder phrase = new StringBuilder();
    for (int k = from; k < to; k++) {
      if (tokens.get(k).kind != TokenKind.WORD) {
        return null;
      }
      phrase.append(k > from ? " " : "").append(tokens.get(k).lower);
    }
    return NATIONAL_CURRENCIES.get(phrase.toString());
  }

  private static boolean isYear(Token first, NumberPhrase number, Double upper, FigureQualifier qualifier) {
    return upper == null && qualifier == FigureQualifier.EXACT && number.plainDigits
        && number.to - number.from == 1 && FOUR_DIGITS.matcher(first.text).matches()
        && number.value >= 1000 && number.value <= 2100;
  }

  private static int percentWord(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (t.isWord("percent") || t.isWord("percents") || t.isWord("pct")) {
      if (i + 1 < tokens.size() && tokens.get(i + 1).isWord("points")) {
        return i + 2;
      }
      return i + 1;
    }
    if (t.isWord("percentage")) {
      if (i + 1 < tokens.size() && (tokens.get(i + 1).isWord("points") || tokens.get(i + 1).isWord("point"))) {
        return i + 2;
      }
      return i + 1;
    }
    if (t.isWord("per") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("cent")) {
      return i + 2;
    }
    return i;
  }

  /** "hundreds", "dozens of", "tens of thousands of": a vague count. */
  private int vague(String text, List<Token> tokens, int i, int from, FigureQualifier qualifier, List<Figure> out) {
    if (i >= tokens.size() || !VAGUE.containsKey(tokens.get(i).lower)) {
      return -1;
    }
    int next = i + 1;
    // "tens of thousands", "hundreds of thousands": still one vague quantity.
    if (next + 1 < tokens.size() && tokens.get(next).isWord("of")
        && VAGUE.containsKey(tokens.get(next + 1).lower)) {
      next += 2;
    }
    if (tokens.get(i).isWord("tens") && next == i + 1) {
      return -1;
    }
    String unit = null;
    int end = next;
    if (next + 1 < tokens.size() && tokens.get(next).isWord("of")) {
      int[] thing = countedThing(tokens, next + 1);
      if (thing != null) {
        unit = text.substring(tokens.get(thing[0]).start, tokens.get(thing[1] - 1).end);
        end = thing[1];
      }
    }
    out.add(figure(text, FigureKind.COUNT, FigureQualifier.VAGUE, null, null, unit, null,
        tokens.get(from).start, tokens.get(end - 1).end));
    return end;
  }

  /** The longest qualifier phrase at {@code i} from {@code phrases}, or null. */
  private static QualifierPhrase qualifierAt(List<Token> tokens, int i, Map<String, List<QualifierPhrase>> phrases) {
    if (i >= tokens.size()) {
      return null;
    }
    List<QualifierPhrase> candidates = phrases.get(tokens.get(i).lower);
    if (candidates == null) {
      return null;
    }
    for (QualifierPhrase phrase : candidates) {
      String[] words = phrase.words();
      if (i + words.length > tokens.size()) {
        continue;
      }
      boolean match = true;
      for (int k = 1; k < words.length && match; k++) {
        match = tokens.get(i + k).lower.equals(words[k]);
      }
      if (match) {
        return phrase;
      }
    }
    return null;
  }

  /** How far an integer part has got: what the next word may do depends on it. */
  private enum Step { NONE, PART, HUNDRED, DOZEN, SCALE }

  /**
   * An integer part ("one hundred and twenty three thousand", "4 thousand 3 hundred", "6 crore"):
   * its value, the tokens {@code [from, to)}, the scale it ends on (1 if none: "3 million" ends on
   * a million, "3 million and 20" does not) and the tens word it ends on, if any (for "one
   * hundred thirty fifths", where the tens belong to the denominator).
   */
  private record IntegerPart(double value, int from, int to, boolean spelled, boolean plainDigits,
      double endScale, double trailingTens) {}

  /** A number in digits or words at {@code i}, with any scale or fraction; null if none. */
  private static NumberPhrase number(List<Token> tokens, int i) {
    if (i >= tokens.size()) {
      return null;
    }
    NumberPhrase fraction = fraction(tokens, i, false);
    if (fraction != null) {
      return scaledFraction(tokens, fraction);
    }
    IntegerPart whole = integerPart(tokens, i);
    if (whole == null) {
      return null;
    }
    int j = whole.to;
    if (j + 1 < tokens.size() && tokens.get(j).isWord("and")) {
      NumberPhrase tail = fraction(tokens, j + 1, true);
      if (tail != null && tail.value < 1) {
        // "five and a half million" is 5.5 million, "one billion and a half million" 1.0005 billion,
        // "3 million and a half" 3.5 million, "one hundred and three quarters" 100.75.
        double trailing = tail.to < tokens.size() ? wordScale(tokens.get(tail.to)) : 0;
        double value;
        int end = tail.to;
        if (trailing > 0) {
          value = whole.endScale > trailing ? whole.value + tail.value * trailing : (whole.value + tail.value) * trailing;
          end++;
        } else {
          value = whole.value + tail.value * whole.endScale;
        }
        return new NumberPhrase(value, i, end, whole.spelled, false);
      }
    }
    return new NumberPhrase(whole.value, i, whole.to, whole.spelled, whole.plainDigits);
  }

  /** "half a million", "three quarters billion", "two thirds of a million", "half a dozen". */
  private static NumberPhrase scaledFraction(List<Token> tokens, NumberPhrase fraction) {
    int j = fraction.to;
    if (j + 1 < tokens.size() && tokens.get(j).isWord("of") && tokens.get(j + 1).isWord("a")) {
      j += 2;
    } else if (j < tokens.size() && tokens.get(j).isWord("a")) {
      j++;
    }
    if (j < tokens.size()) {
      double scale = wordScale(tokens.get(j));
      if (scale == 0 && (tokens.get(j).isWord("dozen") || tokens.get(j).isWord("hundred"))) {
        scale = tokens.get(j).isWord("dozen") ? 12 : 100;
      }
      if (scale > 0) {
        return new NumberPhrase(fraction.value * scale, fraction.from, j + 1, true, false);
      }
    }
    return fraction;
  }

  /**
   * A fraction in words at {@code i}: "two thirds", "a quarter", "one-eighth", "five - eighths",
   * "three twenty-firsts", "one hundred thirty fifths" (100/35); null if none. A numerator above
   * one needs a plural denominator ("two millionth" is an ordinal). "Quarters" and "halves" are
   * fractions only after "and" or before "of" or a scale: "the last two quarters" are periods.
   */
  private static NumberPhrase fraction(List<Token> tokens, int i, boolean afterAnd) {
    Token t = tokens.get(i);
    if (t.kind != TokenKind.WORD) {
      return null;
    }
    String w = t.lower;
    if ((w.equals("a") || w.equals("an")) && i + 1 < tokens.size() && denominator(tokens.get(i + 1).lower) > 0) {
      String d = tokens.get(i + 1).lower;
      double den = denominator(d);
      if (den <= 0 || d.endsWith("s")) {
        return null;
      }
      // "a third of voters", "a twenty-first"; but "a third term", "a fifth straight day" are ordinals.
      boolean fractionWord = d.equals("half") || d.equals("quarter");
      Token after = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
      if (!fractionWord && after != null && after.kind == TokenKind.WORD && !after.isWord("of") && !after.isWord("and")
          && wordScale(after) == 0) {
        return null;
      }
      return new NumberPhrase(1 / den, i, i + 2, true, false);
    }
    if ((w.equals("half") || w.equals("quarter")) && i + 1 < tokens.size()
        && (wordScale(tokens.get(i + 1)) > 0 || tokens.get(i + 1).isWord("a"))) {
      // "half million", "quarter million", "half a million": scaledFraction adds the scale.
      NumberPhrase f = new NumberPhrase(1 / denominator(w), i, i + 1, true, false);
      return scaledFraction(tokens, f) != f ? f : null;
    }
    int dash = w.indexOf('-');
    if (dash > 0 && spelledPart(w) == null) {
      // "one-eighth", "three-quarters"
      Double numerator = spelledPart(w.substring(0, dash));
      String d = w.substring(dash + 1);
      double den = denominator(d);
      if (numerator != null && den > 0 && (numerator <= 1 || d.endsWith("s"))) {
        return new NumberPhrase(numerator / den, i, i + 1, true, false);
      }
      return null;
    }
    if (spelledPart(w) == null && !(w.equals("a") && i + 1 < tokens.size() && A_SCALES.contains(tokens.get(i + 1).lower))) {
      return null;
    }
    IntegerPart numerator = integerPart(tokens, i);
    if (numerator == null || numerator.to >= tokens.size()) {
      return null;
    }
    int j = numerator.to;
    if (tokens.get(j).text.equals("-") && j + 1 < tokens.size() && denominator(tokens.get(j + 1).lower) > 0) {
      j++;
    }
    String d = tokens.get(j).lower;
    double num = numerator.value;
    double den = denominator(d);
    double unit = den > 0 && den < 10 ? den : unitOrdinal(d);
    if (numerator.trailingTens > 0 && unit > 0 && num > numerator.trailingTens) {
      // "one hundred thirty fifths": 100 / 35; "three twenty firsts": 3 / 21.
      num -= numerator.trailingTens;
      den = numerator.trailingTens + unit;
    }
    if (den <= 0 || num <= 0 || (num > 1 && !d.endsWith("s"))) {
      return null;
    }
    if ((d.startsWith("quarter") || (d.startsWith("hal") && num > 1)) && !afterAnd && !fractionOfQuarters(tokens, i, j)) {
      return null;
    }
    return new NumberPhrase(num / den, i, j + 1, true, false);
  }

  /**
   * Whether "quarters" (or "halves") at {@code j}, counted from {@code i}, are parts of a whole:
   * before "of" or a scale ("three quarters of the vote", "three quarters billion"), or standing
   * alone ("by three quarters."), but not periods ("the past two quarters", "two quarters in a row").
   */
  private static boolean fractionOfQuarters(List<Token> tokens, int i, int j) {
    Token next = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
    if (next != null && (next.isWord("of") || wordScale(next) > 0)) {
      return true;
    }
    boolean alone = next == null || next.kind != TokenKind.WORD;
    return alone && (i == 0 || !PERIOD_LEADS.contains(tokens.get(i - 1).lower));
  }

  /** The denominator a fraction word names ("thirds" 3, "half" 2, "twenty-fifth" 25), or 0. */
  private static double denominator(String word) {
    String singular = word.equals("halves") ? "half" : word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    Double den = DENOMINATORS.get(singular);
    if (den != null) {
      return den;
    }
    int dash = singular.indexOf('-');
    if (dash > 0) {
      Integer tens = UNITS.get(singular.substring(0, dash));
      double unit = unitOrdinal(singular.substring(dash + 1));
      if (tens != null && tens >= 20 && tens % 10 == 0 && unit > 0) {
        return tens + unit;
      }
    }
    return 0;
  }

  /** "first" 1 ... "ninth" 9 (singular or plural), or 0: the last word of "twenty-first". */
  private static double unitOrdinal(String word) {
    Integer unit = UNIT_ORDINALS.get(word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
    return unit == null ? 0 : unit;
  }

  /** The scale a word multiplies by ("million", "bn", "lakh"), or 0. "k" only after digits. */
  private static double wordScale(Token t) {
    if (t.kind != TokenKind.WORD) {
      return 0;
    }
    Double scale = SCALES.get(t.lower);
    return scale == null ? 0 : scale;
  }

  private static boolean plainDigits(Token t) {
    if (t.kind != TokenKind.NUMBER) {
      return false;
    }
    for (int k = 0; k < t.text.length(); k++) {
      char c = t.text.charAt(k);
      if (!(Character.isDigit(c) || c == ',' || c == '.' || (k == 0 && c == '-') || Character.isSpaceChar(c))) {
        return false;
      }
    }
    return true;
  }

  /** The integer part of a number at {@code i} (see {@link IntegerPart}); null if none. */
  private static IntegerPart integerPart(List<Token> tokens, int i) {
    Token first = tokens.get(i);
    if (first.kind == TokenKind.NUMBER && !plainDigits(first)) {
      // "6m", "1/2", "1.3x10^6": complete in one token
      return new IntegerPart(first.value, i, i + 1, false, false, 1, 0);
    }
    double total = 0;
    double current = 0;
    double segment = 0;
    double limit = Double.MAX_VALUE;
    double lastScale = 0;
    double trailingTens = 0;
    boolean groupHundred = false;
    boolean spelled = false;
    boolean digitsLast = false;
    Step step = Step.NONE;
    int j = i;
    int end = i;
    if (first.isWord("a") && i + 1 < tokens.size() && A_SCALES.contains(tokens.get(i + 1).lower)) {
      current = 1;
      segment = 1;
      step = Step.PART;
      spelled = true;
      j++;
    } else if (first.isWord("hundred")) {
      current = 1;
      segment = 1;
      step = Step.PART;
      spelled = true;
    }
    while (j < tokens.size()) {
      Token t = tokens.get(j);
      if (t.kind == TokenKind.NUMBER) {
        if (!plainDigits(t)) {
          break;
        }
        if (step == Step.NONE) {
          current = t.value;
          segment = t.value;
        } else if ((step == Step.SCALE || step == Step.HUNDRED) && t.value > 0 && t.value < limit
            && t.value == Math.rint(t.value) && t.text.indexOf('.') < 0) {
          // "4 thousand 3 hundred", "3 hundred and 21"
          current += t.value;
          segment = t.value;
        } else {
          break;
        }
        step = Step.PART;
        digitsLast = true;
        trailingTens = 0;
        end = ++j;
        continue;
      }
      if (t.kind != TokenKind.WORD) {
        break;
      }
      String w = t.lower;
      Double part = spelledPart(w);
      int width = 1;
      if (part != null && part >= 20 && part % 10 == 0 && j + 2 < tokens.size() && tokens.get(j + 1).text.equals("-")) {
        // "fifty - two"
        Double ones = spelledPart(tokens.get(j + 2).lower);
        if (ones != null && ones >= 1 && ones <= 9) {
          part += ones;
          width = 3;
        }
      }
      if (part != null) {
        if ((step == Step.PART && digitsLast) || step == Step.DOZEN || part >= limit) {
          break;
        }
        segment = step == Step.PART ? segment + part : part;
        current += part;
        step = Step.PART;
        spelled = true;
        digitsLast = false;
        // After "and" the tens are the number's ("one hundred and thirty fifths" is 130/5).
        trailingTens = width == 1 && part >= 20 && part % 10 == 0 && !(j > i && tokens.get(j - 1).isWord("and")) ? part : 0;
        j += width;
        end = j;
        continue;
      }
      if (w.equals("hundred")) {
        if (step != Step.PART || groupHundred) {
          break;
        }
        current = (current - segment) + segment * 100;
        groupHundred = true;
        limit = 100;
        step = Step.HUNDRED;
        trailingTens = 0;
        end = ++j;
        continue;
      }
      if (DOZENS.contains(w)) {
        if (step != Step.PART) {
          break;
        }
        current = (current - segment) + segment * 12;
        step = Step.DOZEN;
        trailingTens = 0;
        end = ++j;
        continue;
      }
      double scale = wordScale(t);
      if (scale == 0 && (w.equals("k") || w.equals("K")) && digitsLast && step == Step.PART) {
        scale = 1e3;
      }
      if (scale > 0) {
        if (step == Step.PART || step == Step.HUNDRED || step == Step.DOZEN) {
          if (lastScale > 0 && scale >= lastScale) {
            break;
          }
          total += current * scale;
        } else if (step == Step.SCALE && scale > lastScale) {
          // "three lakh crore"
          total *= scale;
        } else {
          break;
        }
        current = 0;
        segment = 0;
        groupHundred = false;
        lastScale = step == Step.SCALE ? lastScale * scale : scale;
        limit = lastScale;
        step = Step.SCALE;
        trailingTens = 0;
        end = ++j;
        continue;
      }
      if (w.equals("and") && step != Step.NONE && j + 1 < tokens.size() && andContinues(tokens, j + 1, step, limit, groupHundred, lastScale, trailingTens,
          digitsLast, segment)) {
        j++;
        continue;
      }
      if (w.equals("point") && (step == Step.PART || step == Step.HUNDRED) && spelled && j + 1 < tokens.size() && spelledPart(tokens.get(j + 1).lower) != null) {
        // "nought point nought three"
        StringBuilder digits = new StringBuilder();
        int k = j + 1;
        while (k < tokens.size() && tokens.get(k).kind == TokenKind.WORD && spelledPart(tokens.get(k).lower) != null) {
          digits.append(spelledPart(tokens.get(k).lower).intValue());
          k++;
        }
        return new IntegerPart(total + current + Double.parseDouble("0." + digits), i, k, true, false, 1, 0);
      }
      break;
    }
    if (step == Step.NONE) {
      return null;
    }
    boolean plain = !spelled && end - i == 1 && plainDigits(first);
    return new IntegerPart(total + current, i, end, spelled, plain, step == Step.SCALE ? lastScale : 1, trailingTens);
  }

  /**
   * Whether the part after an "and" at {@code k - 1} continues the number: "one hundred and
   * twenty", "3 hundred and 21", "6 crore and two hundred", "twenty and three"; not "3 hundred and
   * 2 hundred", "between five and six", "two and a half" (a fraction, read by the caller).
   */
  private static boolean andContinues(List<Token> tokens, int k, Step step, double limit, boolean groupHundred,
      double lastScale, double trailingTens, boolean digitsLast, double segment) {
    Token next = tokens.get(k);
    NumberPhrase fraction = fraction(tokens, k, true);
    if (fraction != null && fraction.value < 1) {
      // "two and a half", "one hundred and three quarters": a fraction the caller adds
      return false;
    }
    Double part = next.kind == TokenKind.WORD ? spelledPart(next.lower) : null;
    boolean digits = next.kind == TokenKind.NUMBER && plainDigits(next) && next.text.indexOf('.') < 0;
    if (part == null && !digits) {
      return false;
    }
    double value = part != null ? part : next.value;
    if (k + 1 < tokens.size()) {
      Token after = tokens.get(k + 1);
      double scale = wordScale(after);
      if ((after.isWord("hundred") && groupHundred) || (lastScale > 0 && scale >= lastScale)) {
        return false;
      }
    }
    if (step == Step.HUNDRED) {
      return value > 0 && value < limit;
    }
    if (step == Step.SCALE) {
      return part != null && value > 0 && value < limit;
    }
    return step == Step.PART && !digitsLast && trailingTens > 0 && segment == trailingTens && part != null
        && value >= 1 && value <= 9;
  }

  private static Double spelledPart(String word) {
    Integer unit = UNITS.get(word);
    if (unit != null) {
      return unit.doubleValue();
    }
    int dash = word.indexOf('-');
    if (dash > 0) {
      Integer tens = UNITS.get(word.substring(0, dash));
      Integer ones = UNITS.get(word.substring(dash + 1));
      if (tens != null && ones != null && tens >= 20 && tens % 10 == 0 && ones < 10) {
        return (double) (tens + ones);
      }
    }
    return null;
  }

  /**
   * The noun phrase right after a number naming what was counted ("Venezuelans", "deportation
   * flights"), as token range {@code [from, to)}; null if none. Leading hedges ("alleged") and
   * abbreviations used as adjectives ("U.S.") are not part of it.
   */
  private static int[] countedThing(List<Token> tokens, int i) {
    int j = i;
    while (j < tokens.size() && tokens.get(j).kind == TokenKind.WORD
        && (LEADING_MODIFIERS.contains(tokens.get(j).lower) || INITIALISM.matcher(tokens.get(j).text).matches())) {
      j++;
    }
    int from = j;
    while (j < tokens.size() && j - from < 5) {
      Token t = tokens.get(j);
      if (t.kind != TokenKind.WORD || PHRASE_STOPS.contains(t.lower) || MONTHS.containsKey(t.lower)
          || spelledPart(t.lower) != null
          || (j + 1 < tokens.size() && tokens.get(j + 1).kind == TokenKind.NUMBER && tokens.get(j + 1).start == t.end)
          || WEEKDAYS.containsKey(t.lower)) {
        break;
      }
      // A participle after the noun ("Salvadorans deported") starts the verb phrase.
      if (j > from && t.lower.endsWith("ed") && Character.isLowerCase(t.text.charAt(0))) {
        break;
      }
      j++;
    }
    return j > from ? new int[] {from, j} : null;
  }

  /** "a capacity of 40,000": the noun before "of" in front of the number, or null. */
  private static String countedBefore(List<Token> tokens, int from) {
    if (from >= 2 && tokens.get(from - 1).isWord("of")) {
      Token noun = tokens.get(from - 2);
      if (noun.kind == TokenKind.WORD && !PHRASE_STOPS.contains(noun.lower)
          && Character.isLowerCase(noun.text.charAt(0))) {
        return noun.text;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- dates

  /** Tries a date at token {@code i}; the token after it, or -1. */
  private int date(String text, List<Token> tokens, int i, LocalDate published, List<Figure> out) {
    Token t = tokens.get(i);
    if (t.kind != TokenKind.WORD) {
      if (t.kind == TokenKind.NUMBER && i + 1 < tokens.size() && MONTHS.containsKey(tokens.get(i + 1).lower)
          && DAY_DIGITS.matcher(t.text).matches() && t.value >= 1 && t.value <= 31) {
        // "14 April (2025)"
        Month month = MONTHS.get(tokens.get(i + 1).lower);
        int end = i + 2;
        Integer year = null;
        if (end < tokens.size() && FOUR_DIGITS.matcher(tokens.get(end).text).matches()) {
          year = (int) tokens.get(end).value;
          end++;
        }
        return addDay(text, tokens, i, end, month, (int) t.value, year, published, out);
      }
      return -1;
    }
    String w = t.lower;
    if (w.equals("yesterday") || w.equals("today") || w.equals("tomorrow")) {
      LocalDate day = w.equals("yesterday") ? published.minusDays(1)
          : w.equals("tomorrow") ? published.plusDays(1) : published;
      out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, day.toString(), t.start, t.end));
      return i + 1;
    }
    if ((w.equals("next") || w.equals("last") || w.equals("this")) && i + 1 < tokens.size()
        && tokens.get(i + 1).isWord("month")) {
      // "next month" written on 28 March 2025 is 2025-04.
      YearMonth current = YearMonth.from(published);
      YearMonth resolved = w.equals("next") ? current.plusMonths(1)
          : w.equals("last") ? current.minusMonths(1) : current;
      out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, resolved.toString(),
          t.start, tokens.get(i + 1).end));
      return i + 2;
    }
    if (WEEKDAYS.containsKey(w) && Character.isUpperCase(t.text.charAt(0))) {
      DayOfWeek day = WEEKDAYS.get(w);
      String before = i > 0 ? tokens.get(i - 1).lower : "";
      LocalDate resolved;
      int start = i;
      if (before.equals("next")) {
        resolved = published.with(TemporalAdjusters.next(day));
        start = i - 1;
      } else if (before.equals("last")) {
        resolved = published.with(TemporalAdjusters.previous(day));
        start = i - 1;
      } else {
        // News reports what happened: a bare weekday is the latest one on or before publication.
        resolved = published.with(TemporalAdjusters.previousOrSame(day));
      }
      out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, resolved.toString(),
          tokens.get(start).start, t.end));
      return i + 1;
    }
    Month month = MONTHS.get(w);
    if (month == null || !Character.isUpperCase(t.text.charAt(0))) {
      return -1;
    }
    int next = i + 1;
    if (next < tokens.size() && tokens.get(next).kind == TokenKind.NUMBER && DAY_DIGITS.matcher(tokens.get(next).text).matches()
        && tokens.get(next).value >= 1 && tokens.get(next).value <= 31) {
      int end = next + 1;
      Integer year = null;
      if (end + 1 < tokens.size() && tokens.get(end).text.equals(",") && FOUR_DIGITS.matcher(tokens.get(end + 1).text).matches()) {
        year = (int) tokens.get(end + 1).value;
        end += 2;
      } else if (end < tokens.size() && FOUR_DIGITS.matcher(tokens.get(end).text).matches()) {
        year = (int) tokens.get(end).value;
        end++;
      }
      return addDay(text, tokens, i, end, month, (int) tokens.get(next).value, year, published, out);
    }
    if (next < tokens.size() && FOUR_DIGITS.matcher(tokens.get(next).text).matches()) {
      YearMonth ym = YearMonth.of((int) tokens.get(next).value, month);
      out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, ym.toString(),
          t.start, tokens.get(next).end));
      return next + 1;
    }
    String before = i > 0 ? tokens.get(i - 1).lower : "";
    if (!MONTH_LEADS.contains(before)) {
      return -1;
    }
    YearMonth current = YearMonth.from(published);
    YearMonth resolved;
    if (before.equals("next")) {
      resolved = current.withMonth(month.getValue());
      if (!resolved.isAfter(current)) {
        resolved = resolved.plusYears(1);
      }
    } else {
      // The latest such month up to the publication month: "in March" written in April 2025 is 2025-03.
      resolved = current.withMonth(month.getValue());
      if (resolved.isAfter(current)) {
        resolved = resolved.minusYears(1);
      }
    }
    out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, resolved.toString(), t.start, t.end));
    return i + 1;
  }

  private int addDay(String text, List<Token> tokens, int from, int end, Month month, int dayOfMonth,
      Integer year, LocalDate published, List<Figure> out) {
    LocalDate day;
    try {
      if (year != null) {
        day = LocalDate.of(year, month, dayOfMonth);
      } else {
        // The year that puts the date nearest the publication date ("December 30" read on 2 January).
        LocalDate candidate = LocalDate.of(published.getYear(), month, 1)
            .withDayOfMonth(Math.min(dayOfMonth, YearMonth.of(published.getYear(), month).lengthOfMonth()));
        day = candidate;
        for (int shift : new int[] {-1, 1}) {
          LocalDate other = candidate.plusYears(shift);
          if (Math.abs(ChronoUnit.DAYS.between(published, other)) < Math.abs(ChronoUnit.DAYS.between(published, day))) {
            day = other;
          }
        }
      }
    } catch (java.time.DateTimeException e) {
      return -1;
    }
    out.add(figure(text, FigureKind.DATE, FigureQualifier.EXACT, null, null, null, day.toString(),
        tokens.get(from).start, tokens.get(end - 1).end));
    return end;
  }

  // ---------------------------------------------------------------- output

  private static Figure figure(String text, FigureKind kind, FigureQualifier qualifier, Double value,
      Double upper, String unit, String date, int start, int end) {
    return Figure.newBuilder()
        .setKind(kind)
        .setQualifier(qualifier)
        .setValue(kind == FigureKind.DATE ? null : value)
        .setUpperValue(upper)
        .setUnit(unit)
        .setDate(date)
        .setText(text.substring(start, end))
        .setStart(start)
        .setEnd(end)
        .setSentence(sentence(text, start, end))
        .build();
  }

  /** The sentence around {@code [start, end)}: from the previous sentence end to the next. */
  static String sentence(String text, int start, int end) {
    int from = start;
    while (from > 0 && !sentenceEndsBefore(text, from)) {
      from--;
    }
    int to = end;
    while (to < text.length() && !sentenceEndsBefore(text, to)) {
      to++;
    }
    return text.substring(from, to).strip();
  }

  /** True when a sentence ends just before position {@code i} (a line break, or ". " after a non-abbreviation). */
  private static boolean sentenceEndsBefore(String text, int i) {
    char previous = text.charAt(i - 1);
    if (previous == '\n') {
      return true;
    }
    if (!Character.isWhitespace(text.charAt(Math.min(i, text.length() - 1))) || i >= text.length()) {
      return false;
    }
    int k = i - 1;
    while (k >= 0 && "\"'”’)".indexOf(text.charAt(k)) >= 0) {
      k--;
    }
    if (k < 0 || ".!?".indexOf(text.charAt(k)) < 0) {
      return false;
    }
    if (text.charAt(k) != '.') {
      return true;
    }
    int w = k;
    while (w > 0 && Character.isLetter(text.charAt(w - 1))) {
      w--;
    }
    String word = text.substring(w, k).toLowerCase(Locale.ROOT);
    boolean initialism = w > 0 && text.charAt(w - 1) == '.';
    return !(ABBREVIATIONS.contains(word) || word.length() == 1 || initialism);
  }

  private static Map<String, Month> months() {
    Map<String, Month> months = new java.util.HashMap<>();
    for (Month month : Month.values()) {
      String name = month.name().toLowerCase(Locale.ROOT);
      months.put(name, month);
      months.put(name.substring(0, 3) + ".", month);
    }
    months.put("sept.", Month.SEPTEMBER);
    months.remove("may.");
    return Map.copyOf(months);
  }
}
