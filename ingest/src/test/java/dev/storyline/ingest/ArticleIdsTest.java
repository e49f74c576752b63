package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

  @Test
  void shouldCanonicaliseUrlByLowerCasingHostAndDroppingFragmentAndTrackingParameters() {
    assertThat(ArticleIds.canonicalUrl("HTTPS://WWW.Example.COM:443/News/Story?id=7&utm_source=x&UTM_medium=y&fbclid=z#top"))
        .contains("https://www.example.com/News/Story?id=7");
  }

  @Test
  void shouldRefuseUrlsThatAreNotAbsoluteHttp() {
    assertThat(ArticleIds.canonicalUrl("ftp://example.com/x")).isEmpty();
    assertThat(ArticleIds.canonicalUrl("/relative/path")).isEmpty();
    assertThat(ArticleIds.canonicalUrl("  ")).isEmpty();
  }

  @Test
  void shouldGiveTheSameIdToTheSameUrlWithDifferentTrackingParameters() {
    String a = ArticleIds.id(Optional.of("https://example.com/a?utm_source=feed"), "S", "T1", "B1");
    String b = ArticleIds.id(Optional.of("https://EXAMPLE.com/a#comments"), "Other", "T2", "B2");
    assertThat(a).isEqualTo(b).hasSize(16).matches("[0-9a-f]{16}");
  }

  @Test
  void shouldGiveTheSameIdToTheSameTextWhateverItsWhitespace() {
    String a = ArticleIds.id(Optional.empty(), "Wire", "Bukele visits", "Trump hosted\nBukele  on Monday.");
    String b = ArticleIds.id(Optional.empty(), "wire ", "Bukele  visits", "Trump hosted Bukele on Monday.");
    String other = ArticleIds.id(Optional.empty(), "Wire", "Bukele visits", "Trump hosted Bukele on Tuesday.");
    assertThat(a).isEqualTo(b).isNotEqualTo(other);
  }
}
