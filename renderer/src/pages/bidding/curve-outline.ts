import type { CurvePoint } from '../../../../shared/api/bids.js';

export interface Vertex {
  price: number;
  volume: number;
}

/** The points at each distinct price, in rising order (adjacent points may share a price: a vertical step). */
function byPrice(points: readonly CurvePoint[]): { price: number; first: number; last: number }[] {
  const groups: { price: number; first: number; last: number }[] = [];
  for (const point of points) {
    const group = groups[groups.length - 1];
    if (group?.price === point.price) group.last = point.volume;
    else groups.push({ price: point.price, first: point.volume, last: point.volume });
  }
  return groups;
}

/**
 * The line a period's curve draws, volume over price, read the way the clearing reads it
 * (shared/bids/curve-at-price.ts): between two prices a step curve buys the volume of the
 * point above and sells that of the point below, a linear one runs straight from one to the
 * next. Null while the curve cannot be drawn (a cell that is no number, prices not rising):
 * the table says why.
 */
export function curveOutline(points: readonly CurvePoint[], kind: 'step' | 'linear'): Vertex[] | null {
  if (points.length === 0 || !points.every((point) => Number.isFinite(point.price) && Number.isFinite(point.volume))) return null;
  if (points.some((point, index) => index > 0 && point.price < (points[index - 1]?.price ?? point.price))) return null;
  const groups = byPrice(points);
  const vertices: Vertex[] = [];
  groups.forEach((group, index) => {
    const before = groups[index - 1];
    if (kind === 'step' && before) {
      const between = Math.max(group.first, 0) + Math.min(before.last, 0);
      vertices.push({ price: before.price, volume: between }, { price: group.price, volume: between });
    }
    vertices.push({ price: group.price, volume: group.first }, { price: group.price, volume: group.last });
  });
  return vertices;
}
