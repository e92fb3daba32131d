import { useCallback, useState } from 'react';
import { MAX_CROSS_MARKET_ZONES, type CrossMarketAnalysis } from '../../../../shared/api/analytics.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { CorrelationHeatmap, formatCoefficient } from '../../charts/CorrelationHeatmap.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatPriceAmount, NO_VALUE } from '../../format.js';
import { pointOf } from '../market/ZoneMap.js';
import { formatPercent } from './analytics-format.js';
import type { AnalyticsPeriod } from './analytics-period.js';

type Measure = 'levels' | 'changes';
type Method = 'pearson' | 'spearman';

const MEASURES: Record<Measure, string> = { levels: 'Price levels', changes: 'Hourly changes' };
const METHODS: Record<Method, string> = { pearson: 'Pearson', spearman: 'Spearman' };
/** Zones first compared with the selected one: it and its nearest neighbours on the map that price in its currency. */
const DEFAULT_ZONES = 4;

function defaultZones(zones: readonly MarketZone[], selected: MarketZone): string[] {
  const [lon, lat] = pointOf(selected);
  // Degrees of longitude shrink towards the poles: near enough to rank neighbours.
  const distance = (zone: MarketZone): number => {
    const [x, y] = pointOf(zone);
    return Math.hypot((x - lon) * Math.cos((lat * Math.PI) / 180), y - lat);
  };
  const nearest = zones.filter((zone) => zone.id !== selected.id && zone.currency === selected.currency).sort((a, b) => distance(a) - distance(b));
  return inOrder(zones, selected, [selected.id, ...nearest.slice(0, DEFAULT_ZONES - 1).map((zone) => zone.id)]);
}

/** The selected zone first, the others in the catalogue's order: the matrix reads the same whatever order the boxes were ticked in. */
const inOrder = (zones: readonly MarketZone[], selected: MarketZone, ids: readonly string[]): string[] => [
  ...(ids.includes(selected.id) ? [selected.id] : []),
  ...zones.filter((zone) => zone.id !== selected.id && ids.includes(zone.id)).map((zone) => zone.id),
];

/** "+2 h (r 0.93)": the lag at which the pair moves most together. */
const strongest = (lagged: { lag: number; r: number } | null): string => (lagged === null ? NO_VALUE : `${lagged.lag > 0 ? '+' : ''}${String(lagged.lag)} h (r ${formatCoefficient(lagged.r)})`);

function PairsTable({ analysis, currencyOf }: { analysis: CrossMarketAnalysis; currencyOf: (zoneId: string) => string }) {
  return (
    <table className="grid" aria-label="Zone pairs: lags and spreads">
      <thead>
        <tr>
          <th scope="col">Pair A – B</th>
          <th scope="col" className="num">
            Hours
          </th>
          <th scope="col" className="num">
            Best lag, levels
          </th>
          <th scope="col" className="num">
            Best lag, changes
          </th>
          <th scope="col" className="num">
            Spread A−B, mean ± σ
          </th>
          <th scope="col" className="num">
            Min … max
          </th>
          <th scope="col" className="num">
            A above B
          </th>
        </tr>
      </thead>
      <tbody>
        {analysis.pairs.map((pair) => (
          <tr key={`${pair.a} ${pair.b}`}>
            <th scope="row">
              {pair.a} – {pair.b}
            </th>
            <td className="num">{pair.commonHours}</td>
            <td className="num">{strongest(pair.lagged.strongest.levels)}</td>
            <td className="num">{strongest(pair.lagged.strongest.changes)}</td>
            {pair.spread ? (
              <>
                <td className="num">
                  {formatPriceAmount(pair.spread.mean)}
                  {pair.spread.std === null ? '' : ` ± ${formatPriceAmount(pair.spread.std)}`} {currencyOf(pair.a)}
                </td>
                <td className="num">
                  {formatPriceAmount(pair.spread.min)} … {formatPriceAmount(pair.spread.max)}
                </td>
                <td className="num">{formatPercent(pair.spread.shareAAboveB)}</td>
              </>
            ) : (
              <td colSpan={3} className="muted">
                {pair.spreadUnavailable ?? 'No spread'}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * How the chosen zones' day-ahead prices move together over the period: the correlation matrix
 * (levels or hourly changes, Pearson or Spearman) as a heatmap, and per pair the lag at which
 * they move most together and the spread between them.
 */
export function CrossMarketPanel({ zones, selected, period }: { zones: readonly MarketZone[]; selected: MarketZone; period: AnalyticsPeriod }) {
  // The trader's own choice, kept while the page's zone stays the one it was made with.
  const [choice, setChoice] = useState<{ base: string; zones: string[] } | null>(null);
  const chosen = choice?.base === selected.id ? choice.zones : defaultZones(zones, selected);
  const [measure, setMeasure] = useState<Measure>('levels');
  const [method, setMethod] = useState<Method>('pearson');
  // The same instants for every zone: the selected zone's delivery days, as the period is.
  const zonesParam = chosen.length >= 2 ? chosen.join(',') : null;
  const result = useLoad(useCallback(() => (zonesParam ? engine.crossMarket({ zones: zonesParam, from: period.from, to: period.to }) : Promise.resolve(null)), [zonesParam, period]));
  const analysis = result.data && result.data.zones.join(',') === zonesParam && Date.parse(result.data.from) === Date.parse(period.from) && Date.parse(result.data.to) === Date.parse(period.to) ? result.data : null;
  const currencyOf = (zoneId: string): string => zones.find((zone) => zone.id === zoneId)?.currency ?? '';

  const toggle = (zoneId: string): void => {
    const next = chosen.includes(zoneId) ? chosen.filter((id) => id !== zoneId) : [...chosen, zoneId];
    setChoice({ base: selected.id, zones: inOrder(zones, selected, next) });
  };

  return (
    <Panel headingId="cross-market-heading" title="Cross-market" aside={`day-ahead, hourly · ${String(chosen.length)} of at most ${String(MAX_CROSS_MARKET_ZONES)} zones`}>
      <div className="chart-toolbar">
        <fieldset className="zone-picks">
          <legend className="visually-hidden">Zones to compare</legend>
          {zones.map((zone) => {
            const checked = chosen.includes(zone.id);
            return (
              <label key={zone.id} className={checked ? 'zone-pick zone-pick--on' : 'zone-pick'} title={zone.name}>
                <input type="checkbox" checked={checked} disabled={!checked && chosen.length >= MAX_CROSS_MARKET_ZONES} onChange={() => toggle(zone.id)} />
                {zone.id}
              </label>
            );
          })}
        </fieldset>
        <div className="segmented" role="group" aria-label="Correlation of">
          {(Object.keys(MEASURES) as Measure[]).map((option) => (
            <button key={option} type="button" className="segmented__option" aria-pressed={measure === option} onClick={() => setMeasure(option)}>
              {MEASURES[option]}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Coefficient">
          {(Object.keys(METHODS) as Method[]).map((option) => (
            <button key={option} type="button" className="segmented__option" aria-pressed={method === option} onClick={() => setMethod(option)}>
              {METHODS[option]}
            </button>
          ))}
        </div>
      </div>
      {!zonesParam && <p className="panel__empty">Tick at least two zones to compare.</p>}
      <FormError message={zonesParam ? result.error : null} />
      {zonesParam && !analysis && !result.error && <p className="panel__empty">Correlating {chosen.join(', ')}…</p>}
      {analysis && (
        <div className="cross-market">
          <figure className="analytics-figure">
            <CorrelationHeatmap zones={analysis.zones} matrix={analysis.correlation[measure][method]} label={`Correlation of ${MEASURES[measure].toLowerCase()} (${METHODS[method]})`} />
            <figcaption className="muted">
              {analysis.hours.map((hours, i) => `${analysis.zones[i] ?? ''} ${String(hours)} h`).join(' · ')} priced. Amber: move together; blue: opposite.
            </figcaption>
          </figure>
          <div className="analytics-scroll">
            <PairsTable analysis={analysis} currencyOf={currencyOf} />
            <p className="chart-caption">A positive lag: B follows A by that many hours. Spreads only between zones of one currency.</p>
          </div>
        </div>
      )}
    </Panel>
  );
}
