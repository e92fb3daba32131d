/** Every entry whose key an earlier entry already has: its index and the first holder's. */
export function repeats(keys: readonly (string | number)[]): { index: number; first: number }[] {
  const firstAt = new Map<string | number, number>();
  return keys.flatMap((key, index) => {
    const first = firstAt.get(key);
    if (first === undefined) {
      firstAt.set(key, index);
      return [];
    }
    return [{ index, first }];
  });
}
