package dev.storyline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Pins the byte layout docs/CONSUMERS.md describes: the committed vector (written by release 1)
 * must decode to the committed JSON, and encoding the same record must give the same bytes.
 */
class TestVectorTest {

  static final Article EXPECTED = Article.newBuilder()
      .setId("3f2a9c1d5e7b8a60")
      .setUrl("https://example.com/2025/04/14/bukele-visit")
      .setSource("Example Wire")
      .setTitle("Bukele visits the White House")
      .setPublished(Instant.parse("2025-04-14T09:30:00Z"))
      .setPublishedInferred(false)
      .setBody("President Donald Trump hosted Nayib Bukele on Monday. Über 200 “deportees” — 40,000 beds.")
      .setLanguage("en")
      .setOrigin("wire.jsonl:7")
      .setIngestedAt(Instant.parse("2025-04-14T09:31:02.250Z"))
      .build();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TestVectorTest.class.getResourceAsStream("/test-vectors/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void shouldDecodeTheCommittedArticleVectorToItsJson() throws IOException {
    // Given
    byte[] bytes = resource("article-v1.bin");
    String json = new String(resource("article-v1.json"), StandardCharsets.UTF_8).strip();
    // When
    Article decoded = AvroSerde.of(Article.class).decode("storyline.articles", bytes);
    // Then
    assertThat(decoded).isEqualTo(EXPECTED);
    assertThat(SpecificData.get().toString(decoded)).isEqualTo(json);
  }

  @Test
  void shouldWriteTheHeaderAndBytesTheGuideDescribes() throws IOException {
    // Given
    byte[] bytes = resource("article-v1.bin");
    long released = SchemaCatalog.get().released("Article").get(0).fingerprint();
    // Then: C3 01, then the CRC-64-AVRO fingerprint of release 1 little-endian, then the record
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(AvroSerde.writerFingerprint(bytes)).isEqualTo(released).isEqualTo(0xb3e8138a1bf874e3L);
    assertThat(AvroSerde.of(Article.class).encode("storyline.articles", EXPECTED)).isEqualTo(bytes);
  }
}
