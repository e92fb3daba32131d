import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile, type ModelFileHeader } from './model-file.js';

const header: Omit<ModelFileHeader, 'payload'> = {
  architecture: 'naive',
  zoneId: 'DE_LU',
  name: 'Naive DE',
  hyperparameters: { quantileDays: 56 },
  trainingFrom: '2025-12-01',
  trainingTo: '2026-01-03',
  metrics: { validation: null, exogenous: ['load forecast'] },
  createdAt: '2026-03-20T10:00:00.000Z',
};
const payload = new TextEncoder().encode('{"the":"model"}');

describe('the model file', () => {
  it('reads back the header and payload it was written with', () => {
    const file = encodeModelFile(header, payload);
    expect(new TextDecoder().decode(file.subarray(0, 16))).toBe('OPTIBID-MODEL/1\n');
    const decoded = decodeModelFile(file);
    expect(decoded.header).toEqual({ ...header, payload: { bytes: payload.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown } });
    expect([...decoded.payload]).toEqual([...payload]);
  });

  it('refuses another file, a cut one, a damaged model and a header that is not one', () => {
    const file = encodeModelFile(header, payload);
    expect(() => decodeModelFile(new TextEncoder().encode('{"architecture":"naive"}'))).toThrow('not an OptiBid model file');
    expect(() => decodeModelFile(file.subarray(0, 30))).toThrow('header length is wrong');
    expect(() => decodeModelFile(file.subarray(0, file.length - 1))).toThrow('cut short or damaged');
    const damaged = file.slice();
    damaged[damaged.length - 2] = 0x21;
    expect(() => decodeModelFile(damaged)).toThrow('does not match the header’s SHA-256');
    const otherZone = new TextEncoder().encode(new TextDecoder().decode(file).replace('"zoneId":"DE_LU"', '"zoneId":"de_lu"'));
    expect(() => decodeModelFile(otherZone)).toThrow(/header is not a model header \(\/zoneId/);
  });
});
