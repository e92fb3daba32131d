import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('correct horse battery staple', { email: 'ana@desk.example', displayName: 'Ana Ruiz' })).toEqual([]);
  });

  it('says every rule a password breaks', () => {
    expect(passwordProblems('aaa')).toEqual(['must be at least 12 characters long (it has 3)', 'must use at least 4 different characters']);
    expect(passwordProblems('Password1234')).toEqual(['is one of the most commonly used passwords']);
    expect(passwordProblems('ana.ruiz-trades-2026', { email: 'ana.ruiz@desk.example' })).toEqual(['must not contain your name or email address']);
    expect(passwordProblems('x'.repeat(64) + 'yzw'.repeat(30))).toEqual(['must be at most 128 characters long (it has 154)']);
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: too short.
    expect(passwordProblems('🔋🌬☀⚡🔋🌬☀⚡🔋🌬☀')).toEqual(['must be at least 12 characters long (it has 11)']);
    expect(passwordProblems('ünïcødé-pässwörd')).toEqual([]);
  });
});
