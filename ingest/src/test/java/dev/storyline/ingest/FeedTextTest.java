package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedTextTest {

  @Test
  void shouldTurnFeedHtmlIntoPlainParagraphs() {
    String html = "<p>Trump &amp; Bukele met <b>on Monday</b>.</p><script>var x=1;</script>"
        + "<p>About&nbsp;238 &#8220;deportees&#x201D;.<br/>Next line</p>";
    assertThat(FeedText.plain(html)).isEqualTo("Trump & Bukele met on Monday.\n\nAbout 238 “deportees”.\n\nNext line");
  }
}
