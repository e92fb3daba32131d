import type { KeyboardEvent } from 'react';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { formatPrice } from '../../format.js';
import type { ZoneToday } from '../../state/zone-today.js';

interface Inset {
  title: string;
  /** West, east, south, north in degrees. */
  bounds: [number, number, number, number];
  x: number;
  width: number;
}

const WIDTH = 460;
const HEIGHT = 250;
// Two insets: the zones are in Europe and North America, an ocean apart.
const INSETS: Inset[] = [
  { title: 'Europe', bounds: [0, 28, 45, 64], x: 0, width: 290 },
  { title: 'North America', bounds: [-124, -72, 28, 44], x: 298, width: 162 },
];
const PADDING = 18;
const CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 10;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Placed {
  zone: MarketZone;
  x: number;
  y: number;
  /** Label offset from the point and its anchor. */
  label: { dx: number; dy: number; anchor: 'start' | 'end' | 'middle' };
}

function place(inset: Inset, [lon, lat]: [number, number]): [number, number] {
  const [west, east, south, north] = inset.bounds;
  return [inset.x + PADDING + ((lon - west) / (east - west)) * (inset.width - 2 * PADDING), 30 + ((north - lat) / (north - south)) * (HEIGHT - 30 - PADDING)];
}

export const pointOf = ({ geometry }: MarketZone): [number, number] => {
  if (geometry.type === 'Point') return geometry.coordinates;
  const ring = geometry.coordinates[0] ?? [];
  const average = (index: 0 | 1): number => ring.reduce((sum, point) => sum + point[index], 0) / Math.max(ring.length, 1);
  return [average(0), average(1)];
};

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Labels right, left, above or below their point, whichever first clears the labels and points already placed. */
function layout(zones: readonly MarketZone[]): Placed[] {
  const points = zones.flatMap((zone) => {
    const point = pointOf(zone);
    const inset = INSETS.find(({ bounds: [west, east] }) => point[0] >= west && point[0] <= east);
    return inset ? [{ zone, xy: place(inset, point) }] : [];
  });
  const taken: Box[] = points.map(({ xy: [x, y] }) => ({ left: x - 5, top: y - 5, right: x + 5, bottom: y + 5 }));
  return points.map(({ zone, xy: [x, y] }) => {
    const width = zone.id.length * CHAR_WIDTH;
    const candidates: Placed['label'][] = [
      { dx: 8, dy: 4, anchor: 'start' },
      { dx: -8, dy: 4, anchor: 'end' },
      { dx: 0, dy: -9, anchor: 'middle' },
      { dx: 0, dy: 16, anchor: 'middle' },
    ];
    const boxOf = ({ dx, dy, anchor }: Placed['label']): Box => {
      const left = x + dx - (anchor === 'end' ? width : anchor === 'middle' ? width / 2 : 0);
      return { left, top: y + dy - LABEL_HEIGHT + 2, right: left + width, bottom: y + dy + 2 };
    };
    const label = candidates.find((candidate) => !taken.some((box) => overlaps(box, boxOf(candidate)))) ?? candidates[0] ?? { dx: 8, dy: 4, anchor: 'start' };
    taken.push(boxOf(label));
    return { zone, x, y, label };
  });
}

/**
 * A schematic map: each zone at the catalogue's map point (the catalogue has points, not
 * borders), coloured by today's change; a point selects its zone, with the mouse or the keyboard.
 */
export function ZoneMap({ zones, today, selected, onSelect }: { zones: readonly MarketZone[]; today: Readonly<Record<string, ZoneToday>>; selected: string; onSelect: (zoneId: string) => void }) {
  const onKey = (zoneId: string) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(zoneId);
  };
  return (
    <svg className="zone-map" viewBox={`0 0 ${String(WIDTH)} ${String(HEIGHT)}`} role="group" aria-label="Map of the market zones">
      {INSETS.map((inset) => (
        <g key={inset.title}>
          <rect className="zone-map__inset" x={inset.x} y={0} width={inset.width} height={HEIGHT} rx={3} />
          <text className="zone-map__title" x={inset.x + 8} y={16}>
            {inset.title}
          </text>
        </g>
      ))}
      {layout(zones).map(({ zone, x, y, label }) => {
        const day = today[zone.id];
        const trend = !day || day.last === day.open ? 'flat' : day.last > day.open ? 'up' : 'down';
        const isSelected = zone.id === selected;
        return (
          <g
            key={zone.id}
            className={`zone-map__zone zone-map__zone--${trend}${isSelected ? ' zone-map__zone--selected' : ''}`}
            transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
            role="button"
            tabIndex={0}
            aria-pressed={isSelected}
            aria-label={`${zone.id} ${zone.name}${day ? `, ${formatPrice(day.last, zone.currency)}` : ''}`}
            onClick={() => onSelect(zone.id)}
            onKeyDown={onKey(zone.id)}
          >
            <title>{`${zone.name}${day ? `: ${formatPrice(day.last, zone.currency)}` : ''}`}</title>
            <circle r={isSelected ? 6 : 4.5} />
            <text x={label.dx} y={label.dy} textAnchor={label.anchor}>
              {zone.id}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
