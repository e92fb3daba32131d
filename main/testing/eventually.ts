/**
 * Resolves once `condition` holds, checking every few milliseconds; rejects naming what it
 * waited for. For asynchronous effects (a stream message, a reconnection) that have no event to
 * await. Generous by default: CI machines run two test files at once on two cores.
 */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
