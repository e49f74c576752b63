package dev.storyline.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * The generated classes' data model, with readers that refuse a string whose bytes are not UTF-8.
 * Avro's own readers decode such bytes leniently, replacing them with U+FFFD, so a corrupt record
 * would be accepted with altered text; the Avro specification says strings are UTF-8, and a record
 * that breaks it is poison like any other.
 */
final class StrictUtf8Data extends SpecificData {

  StrictUtf8Data(SpecificData model) {
    super(model.getClassLoader());
    for (Conversion<?> conversion : model.getConversions()) {
      addLogicalTypeConversion(conversion);
    }
  }

  @Override
  public DatumReader<?> createDatumReader(Schema writer, Schema reader) {
    return new Reader<>(writer, reader, this);
  }

  @Override
  public DatumReader<?> createDatumReader(Schema schema) {
    return new Reader<>(schema, schema, this);
  }

  private static final class Reader<T> extends SpecificDatumReader<T> {

    Reader(Schema writer, Schema reader, SpecificData data) {
      super(writer, reader, data);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      Utf8 raw = in.readString(null);
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(raw.getBytes(), 0, raw.getByteLength()))
            .toString();
      } catch (CharacterCodingException e) {
        throw new AvroRuntimeException("a string is not valid UTF-8 (" + raw.getByteLength() + " bytes: " + e + ")", e);
      }
      Class<?> stringClass = findStringClass(expected);
      if (stringClass == String.class) {
        return text;
      }
      if (stringClass == CharSequence.class) {
        return raw;
      }
      return newInstanceFromString(stringClass, text);
    }
  }
}
