/** A service URL fit to show in /health and logs: the password is removed, the user kept. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}
