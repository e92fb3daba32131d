/** A decimal as traders type it: "80", "-12.5", "12,50"; null when it is not one. */
export function parseDecimal(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : null;
}
