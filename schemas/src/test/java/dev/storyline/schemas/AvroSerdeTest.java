package dev.storyline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.avro.Article;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final Instant PUBLISHED = Instant.parse("2025-04-14T10:00:00Z");
  private static final Instant INGESTED = Instant.parse("2025-04-14T10:05:00Z");

  private final AvroSerde<Article> serde = AvroSerde.of(Article.class);

  static Article article() {
    return Article.newBuilder()
        .setId("a1")
        .setUrl("https://example.com/news/1")
        .setSource("Example News")
        .setTitle("Bukele visits the White House")
        .setPublished(PUBLISHED)
        .setBody("Donald Trump hosted Nayib Bukele on Monday.")
        .setOrigin("seeds/x.txt:1")
        .setIngestedAt(INGESTED)
        .build();
  }

  @Test
  void shouldRoundTripArticleInSingleObjectEncoding() {
    // Given
    Article article = article();
    // When
    byte[] bytes = serde.serializer().serialize("t", article);
    Article back = serde.deserializer().deserialize("t", bytes);
    // Then the header is C3 01 + the fingerprint of the current schema, little-endian
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(AvroSerde.writerFingerprint(bytes))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(Article.getClassSchema()));
    assertThat(back).isEqualTo(article);
  }

  @Test
  void shouldHandOutTheBytesOfARecentValueInsteadOfEncodingItAgain() {
    // Given a serde that remembers recent values, and one that does not
    AvroSerde<Article> remembering = serde.rememberingRecent();
    Article article = article();
    byte[] written = remembering.encode("t", article);
    Article read = remembering.decode("t", serde.encode("t", article));
    // When the same objects are encoded again
    byte[] again = remembering.encode("t", article);
    byte[] readAgain = remembering.encode("t", read);
    // Then they get the bytes they were encoded from or decoded from, equal to a fresh encoding
    assertThat(again).isSameAs(written);
    assertThat(readAgain).isEqualTo(written).isNotSameAs(written);
    assertThat(remembering.encode("t", read)).isSameAs(readAgain);
    assertThat(serde.encode("t", article)).isEqualTo(written).isNotSameAs(written);
    // and an equal but different object is encoded anew
    assertThat(remembering.encode("t", Article.newBuilder(article).build())).isNotSameAs(written);
    assertThat(remembering.rememberingRecent()).isSameAs(remembering);
  }

  @Test
  void shouldForgetAValueOnceManyOthersWereEncodedSince() {
    // Given
    AvroSerde<Article> remembering = serde.rememberingRecent();
    Article article = article();
    byte[] written = remembering.encode("t", article);
    // When 32 other values are encoded after it
    for (int i = 0; i < 32; i++) {
      remembering.encode("t", Article.newBuilder(article).setId("other-" + i).build());
    }
    // Then it is encoded anew, to the same bytes
    assertThat(remembering.encode("t", article)).isEqualTo(written).isNotSameAs(written);
  }

  @Test
  void shouldRememberPerThread() throws Exception {
    // Given a value encoded on this thread
    AvroSerde<Article> remembering = serde.rememberingRecent();
    Article article = article();
    byte[] written = remembering.encode("t", article);
    // When another thread encodes it
    byte[][] there = new byte[1][];
    Thread other = new Thread(() -> there[0] = remembering.encode("t", article));
    other.start();
    other.join();
    // Then that thread encodes it itself
    assertThat(there[0]).isEqualTo(written).isNotSameAs(written);
  }

  @Test
  void shouldMapNullToNullForTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldNameTopicAndFingerprintWhenSchemaIsUnknown() {
    // Given a valid header carrying a fingerprint no version has
    byte[] bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01).putLong(0x0123456789abcdefL).put((byte) 0).put((byte) 0)
        .array();
    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("storyline.articles", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessage("cannot decode Article from topic storyline.articles: unknown schema fingerprint "
            + "0x0123456789abcdef (written by a newer Storyline, or not a Storyline record)");
  }

  @Test
  void shouldRefuseBytesWithoutTheSingleObjectHeader() {
    byte[] bytes = "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> serde.deserializer().deserialize("storyline.articles", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode Article from topic storyline.articles")
        .hasMessageContaining("15 bytes");
  }

  @Test
  void shouldRefuseTruncatedRecord() {
    byte[] full = serde.serializer().serialize("t", article());
    byte[] truncated = java.util.Arrays.copyOf(full, full.length - 20);
    assertThatThrownBy(() -> serde.deserializer().deserialize("storyline.articles", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode Article from topic storyline.articles with schema fingerprint 0x");
  }

  @Test
  void shouldRefuseAStringThatIsNotUtf8InsteadOfRepairingIt() {
    // Given a well-formed record whose title bytes are not UTF-8 (Avro would decode them as U+FFFD)
    Article article = Article.newBuilder(article()).setTitle("QQQQ").build();
    byte[] bytes = serde.serializer().serialize("t", article);
    int at = indexOf(bytes, "QQQQ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    bytes[at] = (byte) 0xC3;
    bytes[at + 1] = 0x28;
    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("storyline.articles", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode Article from topic storyline.articles with schema fingerprint 0x")
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void shouldDecodeEveryValidUtf8String() {
    Article article = Article.newBuilder(article()).setTitle("Bukele, Trump \u2014 \u00e9t\u00e9 \uD83D\uDCF0 \uFFFD").build();
    byte[] bytes = serde.serializer().serialize("t", article);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(article);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalStateException("not found");
  }

  @Test
  void shouldRefuseToEncodeRecordWithMissingRequiredField() {
    Article broken = article();
    broken.setTitle(null);
    assertThatThrownBy(() -> serde.serializer().serialize("storyline.articles", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot encode Article for topic storyline.articles with schema fingerprint 0x");
  }

  @Test
  void shouldDecodeRecordWrittenWithAnOlderSchemaUsingDefaults() throws Exception {
    // Given an older Article schema without the optional fields added later
    Schema old = SchemaBuilder.record("Article").namespace("dev.storyline.avro").fields()
        .requiredString("id").requiredString("source").requiredString("title")
        .name("published").type(timestampMillis()).noDefault()
        .requiredString("body")
        .name("ingestedAt").type(timestampMillis()).noDefault()
        .endRecord();
    GenericRecord record = new GenericData.Record(old);
    record.put("id", "a1");
    record.put("source", "Wire");
    record.put("title", "T");
    record.put("published", PUBLISHED.toEpochMilli());
    record.put("body", "B");
    record.put("ingestedAt", INGESTED.toEpochMilli());
    byte[] bytes = singleObject(old, record);
    SchemaStore store = fp -> fp == SchemaNormalization.parsingFingerprint64(old) ? old : null;
    AvroSerde<Article> reader = new AvroSerde<>(Article.class, Article.getClassSchema(), store);
    // When
    Article read = reader.decode("t", bytes);
    // Then
    assertThat(read).isEqualTo(Article.newBuilder().setId("a1").setSource("Wire").setTitle("T")
        .setPublished(PUBLISHED).setBody("B").setIngestedAt(INGESTED).build());
    assertThat(read.getUrl()).isNull();
    assertThat(read.getPublishedInferred()).isFalse();
  }

  @Test
  void shouldRoundTripRejectedArticleWithOriginalBytes() {
    AvroSerde<RejectedArticle> rejected = AvroSerde.of(RejectedArticle.class);
    RejectedArticle value = RejectedArticle.newBuilder()
        .setStage(RejectionStage.INGEST).setReason("empty body").setOrigin("seeds/x.txt:1")
        .setOriginalBytes(ByteBuffer.wrap(HexFormat.of().parseHex("00ff10")))
        .setRejectedAt(INGESTED).build();
    assertThat(rejected.decode("t", rejected.encode("t", value))).isEqualTo(value);
  }

  @Test
  void shouldBuildTopicRegistryFromConfiguration() {
    Topics topics = Topics.fromConfig(Map.of(Topics.PREFIX_CONFIG, "test-1."));
    assertThat(topics.all()).extracting(Topic::name).containsExactly(
        "test-1.articles", "test-1.articles.rejected", "test-1.articles.enriched", "test-1.stories",
        "test-1.control");
  }

  private static Schema timestampMillis() {
    return org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(SchemaNormalization.parsingFingerprint64(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
