import { describe, expect, it } from 'vitest';
import { splitTrainingDays } from './validation-split.js';

describe('splitTrainingDays', () => {
  it('holds back the last days for "latest"', () => {
    expect(splitTrainingDays(7, 30, 5, 'latest', 1)).toEqual({ training: Array.from({ length: 18 }, (_, i) => 7 + i), validation: [25, 26, 27, 28, 29] });
  });

  it('holds back whole weeks counted from the end, drawn by the seed, for "weeks"', () => {
    const { training, validation } = splitTrainingDays(3, 73, 20, 'weeks', 7);
    // 20 days round down to two weeks; the 70 days are ten weeks starting at day 66, 59, ... 3.
    expect(validation).toHaveLength(14);
    const starts = validation.filter((_, i) => i % 7 === 0);
    for (const start of starts) {
      expect((73 - start) % 7).toBe(0);
      expect(validation).toEqual(expect.arrayContaining(Array.from({ length: 7 }, (_, i) => start + i)));
    }
    expect([...training, ...validation].sort((a, b) => a - b)).toEqual(Array.from({ length: 70 }, (_, i) => 3 + i));
    expect(training).toEqual([...training].sort((a, b) => a - b));
    expect(splitTrainingDays(3, 73, 20, 'weeks', 7)).toEqual({ training, validation });
    // Other seeds draw other weeks.
    const others = new Set(Array.from({ length: 20 }, (_, seed) => splitTrainingDays(3, 73, 20, 'weeks', seed).validation.join()));
    expect(others.size).toBeGreaterThan(5);
  });

  it('refuses a span too short to fit a week beside what it holds back', () => {
    expect(() => splitTrainingDays(7, 20, 7, 'weeks', 1)).toThrow(/at least 21 days/);
  });
});
