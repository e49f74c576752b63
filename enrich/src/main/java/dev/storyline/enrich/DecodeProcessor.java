package dev.storyline.enrich;

import dev.storyline.schemas.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes raw record values with an {@link AvroSerde}. A value that cannot be decoded (poison
 * bytes, an unknown schema, a tombstone) becomes a rejection instead of an exception, so one bad
 * record never stops the topology; the topologies read values as bytes for exactly this reason.
 */
final class DecodeProcessor<T extends SpecificRecord>
    implements FixedKeyProcessor<String, byte[], Outcome<T>> {

  private final AvroSerde<T> serde;
  private final RejectedArticleFactory rejections;
  private FixedKeyProcessorContext<String, Outcome<T>> context;

  DecodeProcessor(AvroSerde<T> serde, RejectedArticleFactory rejections) {
    this.serde = serde;
    this.rejections = rejections;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<T>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] raw = record.value();
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("(unknown topic)");
    Outcome<T> outcome;
    if (raw == null) {
      outcome = reject("null value (tombstone) on " + topic + ": expected an encoded "
          + serde.type().getSimpleName(), record.key(), raw);
    } else {
      try {
        outcome = Outcome.ok(serde.decode(topic, raw), raw);
      } catch (StreamsException e) {
        throw e;
      } catch (RuntimeException e) {
        // Decoding is a pure function of the bytes: any failure means the bytes are poison.
        outcome = reject(RejectedArticleFactory.reasonOf(e), record.key(), raw);
      }
    }
    context.forward(record.withValue(outcome));
  }

  /** Storyline topics are keyed by article id, so the key names the article even when the value is poison. */
  private Outcome<T> reject(String reason, String key, byte[] raw) {
    return Outcome.rejected(rejections.reject(reason, context.recordMetadata(), key, raw));
  }
}
