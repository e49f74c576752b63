package dev.storyline.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one generated Avro record type in Avro single-object encoding: {@code C3 01},
 * the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the binary record.
 *
 * <p>Writes with the current schema; reads any schema the {@link SchemaStore} knows and resolves
 * it to the current one, so records written by older released versions still decode. A null
 * value (a tombstone) maps to null both ways. A string that is not UTF-8 is refused, not
 * repaired (see {@link StrictUtf8Data}). Encoders and decoders are thread-safe.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final long fingerprint;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  /** The bytes of values recently encoded or decoded, per thread; null when not remembering. */
  private final ThreadLocal<RecentBytes> recent;

  public AvroSerde(Class<T> type, Schema schema, SchemaStore store) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(new StrictUtf8Data(model), schema, store);
    this.recent = null;
  }

  private AvroSerde(AvroSerde<T> serde) {
    this.type = serde.type;
    this.fingerprint = serde.fingerprint;
    this.encoder = serde.encoder;
    this.decoder = serde.decoder;
    this.recent = ThreadLocal.withInitial(RecentBytes::new);
  }

  /**
   * This serde, remembering on each thread the bytes of the last {@value RecentBytes#SIZE} values
   * it encoded or decoded, by identity: encoding one of those objects again returns the same bytes
   * instead of encoding it anew. For a stage that writes what it has just read or written to a
   * store or topic again (a buffered article, a story state to its store and then to its topic).
   * Only sound because records are never changed once built (Storyline builds new ones).
   */
  public AvroSerde<T> rememberingRecent() {
    return recent == null ? new AvroSerde<>(this) : this;
  }

  /** Identity-keyed ring of the latest values and their bytes. */
  private static final class RecentBytes {
    static final int SIZE = 32;
    final Object[] values = new Object[SIZE];
    final byte[][] bytes = new byte[SIZE][];
    int next;

    byte[] of(Object value) {
      for (int i = 0; i < SIZE; i++) {
        if (values[i] == value) {
          return bytes[i];
        }
      }
      return null;
    }

    void remember(Object value, byte[] data) {
      values[next] = value;
      bytes[next] = data;
      next = (next + 1) % SIZE;
    }
  }

  /** Serde for a generated class, reading every version in the project's {@link SchemaCatalog}. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type, SpecificData.get().getSchema(type), SchemaCatalog.get());
  }

  /** Encodes one record; null stays null. */
  public byte[] encode(String topic, T value) {
    if (value == null) {
      return null;
    }
    RecentBytes remembered = recent == null ? null : recent.get();
    byte[] known = remembered == null ? null : remembered.of(value);
    if (known != null) {
      return known;
    }
    try {
      byte[] data = encoder.encode(value).array();
      if (remembered != null) {
        remembered.remember(value, data);
      }
      return data;
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException(
          "cannot encode " + type.getSimpleName() + " for topic " + topic
              + " with schema fingerprint " + hex(fingerprint) + ": " + e.getMessage(), e);
    }
  }

  /** Decodes one record written with any known schema version; null stays null. */
  public T decode(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      T value = decoder.decode(data);
      if (recent != null) {
        recent.get().remember(value, data);
      }
      return value;
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + " from topic " + topic
              + ": unknown schema fingerprint " + hex(writerFingerprint(data))
              + " (written by a newer Storyline, or not a Storyline record)", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      String fp = data.length >= 10 ? " with schema fingerprint " + hex(writerFingerprint(data)) : "";
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + " from topic " + topic + fp + " ("
              + data.length + " bytes): " + e.getMessage(), e);
    }
  }

  /** The fingerprint in a single-object-encoded header; the caller checks the length. */
  public static long writerFingerprint(byte[] data) {
    return ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  static String hex(long fingerprint) {
    return String.format("0x%016x", fingerprint);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public Serializer<T> serializer() {
    return this::encode;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::decode;
  }
}
