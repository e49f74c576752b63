package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Sample articles shared by the tests: two reports of one event and one unrelated report. */
final class ArticleFixtures {

  static final Instant INGESTED_AT = Instant.parse("2025-03-17T12:00:00Z");
  static final Instant NOW = Instant.parse("2025-03-17T12:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String DEPORTATION_REUTERS_BODY =
      "The United States deported 238 Venezuelan migrants to a maximum security prison in El "
          + "Salvador on Sunday, accusing them of belonging to the Tren de Aragua gang. President "
          + "Nayib Bukele said the deportees would be held in the CECOT prison for one year. A "
          + "federal judge in Washington had ordered the deportation flights to turn around, but "
          + "the planes landed in San Salvador.";

  static final String DEPORTATION_AP_BODY =
      "More than 200 Venezuelans deported by the United States arrived in El Salvador, where "
          + "President Nayib Bukele's government locked them in the CECOT mega prison. The Trump "
          + "administration said the migrants were members of the Tren de Aragua gang. A federal "
          + "judge had ordered the deportation flights to return to the United States.";

  static final String RATES_BBC_BODY =
      "The Bank of England kept interest rates unchanged at 4.5% on Thursday, as policymakers "
          + "weighed stubborn inflation against a weakening economy. Governor Andrew Bailey said "
          + "the bank would cut borrowing costs gradually. Markets expect two more rate cuts this "
          + "year.";

  private ArticleFixtures() {}

  static Article deportationReuters() {
    return article(
        "a-reuters-1",
        "Reuters",
        "US deports Venezuelans to El Salvador prison",
        Instant.parse("2025-03-16T18:00:00Z"),
        DEPORTATION_REUTERS_BODY);
  }

  static Article deportationAp() {
    return article(
        "a-ap-1",
        "AP",
        "El Salvador takes in Venezuelan deportees despite court order",
        Instant.parse("2025-03-16T21:30:00Z"),
        DEPORTATION_AP_BODY);
  }

  static Article ratesBbc() {
    return article(
        "a-bbc-1",
        "BBC",
        "Bank of England holds interest rates at 4.5%",
        Instant.parse("2025-03-20T12:15:00Z"),
        RATES_BBC_BODY);
  }

  static Article article(String id, String source, String title, Instant published, String body) {
    return Article.newBuilder()
        .setId(id)
        .setUrl("https://news.example/" + id)
        .setSource(source)
        .setTitle(title)
        .setPublished(published)
        .setPublishedInferred(false)
        .setBody(body)
        .setLanguage("en")
        .setOrigin("seeds/" + id + ".txt:1")
        .setIngestedAt(INGESTED_AT)
        .build();
  }

  static EnrichedArticle enriched(Article article) {
    return new BasicEnricher(FingerprintSettings.DEFAULTS, CLOCK).enrich(article);
  }
}
