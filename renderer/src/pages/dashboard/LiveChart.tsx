import { useCallback, useMemo, useState } from 'react';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import type { ChartDatum, ChartPoint, LiveSource } from '../../charts/chart-data.js';
import { PriceChart } from '../../charts/PriceChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatPrice, formatZoneTime, NO_VALUE } from '../../format.js';
import { transport } from '../../transport/index.js';

/** The chart opens on this much history (minute closes); live ticks extend it. */
const HISTORY_MS = 3 * 3_600_000;

/** The selected zone's price as it streams: the last three hours of minute closes, then every tick. */
export function LiveChart({ zone }: { zone: MarketZone }) {
  const history = useLoad(
    useCallback(() => {
      const now = Date.now();
      return engine.candles({ zone: zone.id, from: new Date(now - HISTORY_MS).toISOString(), to: new Date(now + 60_000).toISOString(), resolution: '1m' });
    }, [zone.id]),
  );
  // Until this zone's history is in, nothing is drawn: another zone's would be mixed with its ticks.
  const loaded = history.data?.zoneId === zone.id ? history.data : null;
  const data = useMemo<ChartPoint[]>(() => loaded?.candles.map((candle) => ({ time: Date.parse(candle.start), value: candle.close })) ?? [], [loaded]);
  const live = useCallback<LiveSource>(
    (push) =>
      transport.subscribe('price-update', (event) => {
        for (const point of event.data.prices) if (point.zoneId === zone.id && point.market === 'tick') push({ time: Date.parse(point.at), value: point.price });
      }),
    [zone.id],
  );
  const [newest, setNewest] = useState<{ zoneId: string; point: ChartDatum } | null>(null);
  const latest = newest?.zoneId === zone.id ? newest.point : data[data.length - 1];
  const onLive = useCallback((point: ChartDatum) => setNewest({ zoneId: zone.id, point }), [zone.id]);
  const latestPrice = latest && 'value' in latest ? latest.value : null;

  return (
    <Panel headingId="live-chart-heading" title={`${zone.id} live`} aside={`${zone.currency}/MWh · times in ${zone.timezone}`}>
      <FormError message={history.error} />
      <div className="chart-frame chart-frame--live">
        <PriceChart kind="area" data={data} timeZone={zone.timezone} label={`Live price of ${zone.name}`} live={loaded ? live : undefined} onLive={onLive} showSeconds />
        {loaded && data.length === 0 && newest?.zoneId !== zone.id && <p className="chart-frame__empty">Waiting for the first price of {zone.id}…</p>}
      </div>
      <p className="chart-caption">
        Last{' '}
        <strong className="num" data-testid="live-last-price">
          {latestPrice === null ? NO_VALUE : formatPrice(latestPrice, zone.currency)}
        </strong>{' '}
        <span className="muted num">{latest ? formatZoneTime(latest.time, zone.timezone) : ''}</span>
      </p>
    </Panel>
  );
}
