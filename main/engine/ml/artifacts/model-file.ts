import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ModelArchitecture, ModelMetrics } from '../../../../shared/api/ml.js';
import { IsoDate, ZoneId } from '../../../../shared/api/zones.js';
import '../../schema-formats.js';

/**
 * The model file (`.optibid-model`): what the terminal keeps in its data directory and what
 * export and import carry. Self-describing, so a file alone can be registered on another
 * terminal:
 *
 *   "OPTIBID-MODEL/1\n"   16 bytes of ASCII: what the file is, and its format version
 *   header length        4 bytes, unsigned big-endian
 *   header               UTF-8 JSON (ModelFileHeader): architecture, zone, hyperparameters,
 *                        training range, metrics, and the payload's length and SHA-256
 *   payload              the kind's own serialized model (ForecasterKind.deserialize reads it)
 */

const MAGIC = new TextEncoder().encode('OPTIBID-MODEL/1\n');
const LENGTH_BYTES = 4;
/** A header is a few kilobytes; anything far larger is not one. */
const MAX_HEADER_BYTES = 1024 * 1024;

export const ModelFileHeader = Type.Object(
  {
    architecture: ModelArchitecture,
    zoneId: ZoneId,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    hyperparameters: Type.Record(Type.String(), Type.Unknown()),
    trainingFrom: IsoDate,
    trainingTo: IsoDate,
    metrics: ModelMetrics,
    createdAt: Type.String(),
    payload: Type.Object({ bytes: Type.Integer({ minimum: 0 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
  },
  { additionalProperties: false },
);
export type ModelFileHeader = Static<typeof ModelFileHeader>;

export interface ModelFile {
  header: ModelFileHeader;
  payload: Uint8Array;
}

/** A file that is not a model file of this format, or whose parts do not agree. */
export class InvalidModelFile extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidModelFile';
  }
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function encodeModelFile(header: Omit<ModelFileHeader, 'payload'>, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ ...header, payload: { bytes: payload.length, sha256: sha256Hex(payload) } }));
  const file = new Uint8Array(MAGIC.length + LENGTH_BYTES + json.length + payload.length);
  file.set(MAGIC, 0);
  new DataView(file.buffer).setUint32(MAGIC.length, json.length);
  file.set(json, MAGIC.length + LENGTH_BYTES);
  file.set(payload, MAGIC.length + LENGTH_BYTES + json.length);
  return file;
}

function parseHeader(json: Uint8Array): ModelFileHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new InvalidModelFile('its header is not JSON');
  }
  if (!Value.Check(ModelFileHeader, parsed)) {
    const first = Value.Errors(ModelFileHeader, parsed).First();
    throw new InvalidModelFile(`its header is not a model header${first ? ` (${first.path || '/'}: ${first.message})` : ''}`);
  }
  return parsed;
}

/** The header and payload of a model file, checked: format, header schema, payload length and hash. */
export function decodeModelFile(file: Uint8Array): ModelFile {
  const start = MAGIC.length + LENGTH_BYTES;
  if (file.length < start || MAGIC.some((byte, i) => file[i] !== byte)) throw new InvalidModelFile('it is not an OptiBid model file');
  const headerBytes = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(MAGIC.length);
  if (headerBytes > MAX_HEADER_BYTES || start + headerBytes > file.length) throw new InvalidModelFile('its header length is wrong: the file is cut short or damaged');
  const header = parseHeader(file.subarray(start, start + headerBytes));
  const payload = file.subarray(start + headerBytes);
  if (payload.length !== header.payload.bytes) throw new InvalidModelFile(`its model is ${String(payload.length)} bytes where the header says ${String(header.payload.bytes)}: the file is cut short or damaged`);
  if (sha256Hex(payload) !== header.payload.sha256) throw new InvalidModelFile('its model does not match the header’s SHA-256: the file is damaged');
  return { header, payload };
}
