/**
 * The password policy, as pure rules so the sign-up form and the server give the same
 * answers. Length does most of the work (NIST SP 800-63B): at least 12 characters, no
 * composition rules, but not a well-known password and not the user's own name or email.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// The most common leaked passwords of 12+ characters (the only ones the length rule lets through).
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'qwertyuiopasdf', 'qwertyuiop123', 'password1234', 'password12345',
  'passwordpassword', 'iloveyou1234', '111111111111', '000000000000', 'abcdefghijkl', 'abc123abc123',
  'letmein12345', 'welcome12345', 'administrator', 'qwerty123456', '1q2w3e4r5t6y', 'zaq12wsxcde3',
  'changeme1234', 'trustno1trustno1', 'football1234', 'baseball1234', 'superman1234', 'monkey123456',
]);

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

/** Every rule the password breaks, as sentences for the user; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  const problems: string[] = [];
  // Characters as a person counts them (grapheme clusters), not UTF-16 units.
  const characters = Array.from(new Intl.Segmenter().segment(password), (s) => s.segment);
  const length = characters.length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long (it has ${length})`);
  if (new Set(characters).size < 4) problems.push('must use at least 4 different characters');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) problems.push('is one of the most commonly used passwords');
  const personal = [context.email?.split('@')[0], context.displayName].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (personal.some((word) => lower.includes(word.toLowerCase()))) problems.push('must not contain your name or email address');
  return problems;
}
