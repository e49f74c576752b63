// Decodes Storyline records (Avro single-object encoding) in Node.js, without Java or a registry:
//   bytes 0-1   C3 01            marker
//   bytes 2-9   fingerprint      CRC-64-AVRO of the writer schema's Parsing Canonical Form, little-endian
//   bytes 10-   the record        Avro binary encoding of the writer schema
// The writer schema is found by fingerprint among every released schema; the record is then
// resolved to the reader schema you choose (here: the newest release of the same record).
//
// Usage: node decode.mjs SCHEMA_DIR FILE.bin     (prints the record as JSON)
import avro from 'avsc';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// CRC-64-AVRO, as in the Avro specification ("Schema Fingerprints").
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp & 0xffffffffffffffffn;
});
function fingerprint64(text) {
  let fp = EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) {
    fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  }
  return fp;
}

// Every released schema, by fingerprint: SCHEMA_DIR holds NAME/vN.avsc (as in the schemas jar).
export function loadReleased(schemaDir) {
  const byFingerprint = new Map();
  const newest = new Map();
  for (const name of readdirSync(schemaDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const versions = readdirSync(join(schemaDir, name.name)).filter((f) => /^v\d+\.avsc$/.test(f))
      .sort((a, b) => parseInt(a.slice(1)) - parseInt(b.slice(1)));
    for (const file of versions) {
      const schema = JSON.parse(readFileSync(join(schemaDir, name.name, file), 'utf8'));
      const type = avro.Type.forSchema(schema);
      // avsc's canonical schema is Avro's Parsing Canonical Form.
      byFingerprint.set(fingerprint64(JSON.stringify(type.schema())), type);
      newest.set(name.name, type);
    }
  }
  return { byFingerprint, newest };
}

export function decode(bytes, { byFingerprint, newest }) {
  if (bytes.length < 10 || bytes[0] !== 0xc3 || bytes[1] !== 0x01) {
    throw new Error('not Avro single-object encoding (expected C3 01 header)');
  }
  const fp = bytes.readBigUInt64LE(2);
  const writer = byFingerprint.get(fp);
  if (!writer) throw new Error(`unknown schema fingerprint 0x${fp.toString(16).padStart(16, '0')}`);
  const reader = newest.get(writer.name.split('.').pop());
  const resolver = reader.createResolver(writer);
  return reader.fromBuffer(bytes.subarray(10), resolver);
}

if (process.argv[1] && process.argv[1].endsWith('decode.mjs')) {
  const [schemaDir, file] = process.argv.slice(2);
  const record = decode(readFileSync(file), loadReleased(schemaDir));
  // timestamp-millis fields arrive as numbers of milliseconds; show them as ISO instants.
  console.log(JSON.stringify(record, (key, value) =>
    ['published', 'ingestedAt', 'firstPublished', 'lastPublished', 'enrichedAt', 'rejectedAt'].includes(key)
      ? new Date(Number(value)).toISOString() : value));
}
