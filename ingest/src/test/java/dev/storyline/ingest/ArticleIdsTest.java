package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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

  @Test
  void shouldCanonicalisePlainUrlsWithoutUriExactlyAsUriDoes() {
    // Given hand-picked URLs of every shape, plain and not, and random ones built from the
    // characters that decide between them
    List<String> urls = new ArrayList<>(List.of(
        "http://www.latimes.com/business/money/la-fi-mo-federal-reserve-20140310,0,1312750.story\\?track=rss",
        "https://www.cnbc.com/2021/10/18/supreme-court.html", "HTTPS://WWW.Example.COM:443/News/Story?id=7&utm_source=x#top",
        "http://example.com", "http://example.com?", "http://example.com#", "http://example.com:/x", "http://example.com:8080",
        "http://example.com:080/x", "http://example.com:99999999/x", "http://example.com./x", "http://-a.com/x",
        "http://a-.com/x", "http://a--b.com/x", "http://9news.com.au/x", "http://www.9news/x", "http://127.0.0.1/x",
        "http://[::1]/x", "http://user@example.com/x", "http://ex_ample.com/x", "http:///x", "http://",
        "http://example.com/a%2Fb?q=%zz", "http://example.com/a%2", "http://example.com/a b", "http://example.com/ü",
        "http://example.com/a?b?c#d?e", "http://example.com/a#b#c", "http://example.com/[x]", "http://example.com/?[x]",
        "http://example.com/a;b=c,d$e+f!g~h*i'j(k)l@m:n&o", "ftp://example.com/x", "http:example.com", "httpx://a.b"));
    Random random = new Random(42);
    String alphabet = "aZ09-._~!*'();:@&=+$,/?#[]% \\\"<>^`{|}\u00e9";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder url = new StringBuilder(random.nextBoolean() ? "http://" : "HTTPs://");
      append(url, random, "aZ9-.", 1 + random.nextInt(8));
      if (random.nextInt(4) == 0) {
        append(url, random, ":08", random.nextInt(4));
      }
      append(url, random, random.nextBoolean() ? "aZ09-._~!*'();:@&=+$,/?#[]%" : "aZ09-._~!*'();:@&=+$,/?#[]% \\\"<>^`{|}\u00e9",
          random.nextInt(16));
      urls.add(url.toString());
    }
    int plain = 0;
    for (String url : urls) {
      // When
      String fast = ArticleIds.plainUrlCanonical(url);
      // Then: whatever the plain reading accepts, URI reads to the same canonical form
      if (fast != null) {
        plain++;
        assertThat(Optional.of(fast)).as(url).isEqualTo(ArticleIds.canonicalUrlOfUri(url));
      }
      assertThat(ArticleIds.canonicalUrl(url)).as(url).isEqualTo(ArticleIds.canonicalUrlOfUri(url));
    }
    assertThat(ArticleIds.plainUrlCanonical("https://www.cnbc.com/2021/10/18/a.html?utm_source=x&id=1#c"))
        .isEqualTo("https://www.cnbc.com/2021/10/18/a.html?id=1");
    assertThat(plain).as("URLs read without URI").isGreaterThan(300);
  }

  private static void append(StringBuilder url, Random random, String alphabet, int length) {
    for (int c = 0; c < length; c++) {
      url.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
  }
}
