import type { NamedWeights } from './parameters.js';

/**
 * A network's file: self-describing and readable without the code that wrote it.
 *
 *   bytes 0-3   "OBNN"
 *   bytes 4-7   header length in bytes, uint32 little-endian
 *   header      UTF-8 JSON: whatever the model needs (architecture, hyper-parameters, scaler…)
 *               plus `tensors`: [{ name, shape, dtype: "float32" }] in the order of the data
 *   padding     zero bytes up to a multiple of 4
 *   data        every tensor's values, float32 little-endian, one after the other
 */
const MAGIC = 'OBNN';

export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export function writeModelFile(header: Record<string, unknown>, tensors: readonly NamedWeights[]): Uint8Array {
  const entries: TensorEntry[] = tensors.map((t) => ({ name: t.name, shape: t.shape, dtype: 'float32' }));
  const json = new TextEncoder().encode(JSON.stringify({ ...header, tensors: entries }));
  const dataStart = Math.ceil((8 + json.length) / 4) * 4;
  const count = tensors.reduce((sum, t) => sum + t.values.length, 0);
  const bytes = new Uint8Array(dataStart + count * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  let offset = dataStart;
  for (const t of tensors) {
    for (const v of t.values) {
      view.setFloat32(offset, v, true);
      offset += 4;
    }
  }
  return bytes;
}

export interface ModelFile {
  /** The header as written, less `tensors`; the caller checks it against its own schema. */
  header: Record<string, unknown>;
  tensors: NamedWeights[];
}

function isTensorEntry(value: unknown): value is TensorEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.name === 'string' && entry.dtype === 'float32' && Array.isArray(entry.shape) && entry.shape.every((n) => Number.isInteger(n) && (n as number) >= 0);
}

export function readModelFile(bytes: Uint8Array): ModelFile {
  const fail = (why: string): never => {
    throw new TypeError(`not a network model file: ${why}`);
  };
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) fail('it does not start with OBNN');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) fail('its header is cut short');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    fail('its header is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) return fail('its header is not an object');
  const { tensors: entries, ...header } = parsed as Record<string, unknown>;
  if (!Array.isArray(entries) || !entries.every(isTensorEntry)) return fail('its tensor list is malformed');
  let offset = Math.ceil((8 + headerLength) / 4) * 4;
  const tensors = entries.map((entry) => {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bytes.length) fail(`the data of ${entry.name} is cut short`);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = view.getFloat32(offset + i * 4, true);
    offset += size * 4;
    return { name: entry.name, shape: entry.shape, values };
  });
  if (offset !== bytes.length) fail(`${String(bytes.length - offset)} bytes follow the last tensor`);
  return { header, tensors };
}
