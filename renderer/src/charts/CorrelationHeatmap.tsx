const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A correlation coefficient as the heatmap and its pair table show it: two decimals. */
export const formatCoefficient = (value: number): string => twoDecimals.format(value);

/** The colour step of a coefficient: -5 (strongly opposite) to 5 (strongly together), in steps of 0.2. */
export const heatStep = (value: number): number => Math.max(-5, Math.min(5, Math.round(value * 5)));

const stepClass = (value: number | null): string => {
  if (value === null) return 'heat-cell heat-cell--none';
  const step = heatStep(value);
  return `heat-cell heat-cell--${step < 0 ? 'n' : 'p'}${String(Math.abs(step))}`;
};

/**
 * A correlation matrix as a heatmap that is also its own accessible version: a table whose
 * cells carry the coefficient as text and its strength as colour (amber together, blue
 * opposite); a cell without a coefficient (too few common hours, a flat series) says so.
 */
export function CorrelationHeatmap({ zones, matrix, label }: { zones: readonly string[]; matrix: readonly (readonly (number | null)[])[]; label: string }) {
  return (
    <table className="heatmap" aria-label={label}>
      <thead>
        <tr>
          <td />
          {zones.map((zone) => (
            <th key={zone} scope="col">
              {zone}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {zones.map((row, i) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {zones.map((column, j) => {
              const value = matrix[i]?.[j] ?? null;
              return (
                <td key={column} className={stepClass(value)} title={value === null ? `${row} and ${column}: fewer than 3 common hours, or a price that does not vary` : `${row} with ${column}: ${formatCoefficient(value)}`}>
                  {value === null ? '—' : formatCoefficient(value)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
