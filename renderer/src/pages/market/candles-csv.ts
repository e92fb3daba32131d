import type { Candle } from '../../../../shared/api/market-data.js';

const HEADER = ['start_utc', 'zone', 'market', 'resolution', 'currency', 'open', 'high', 'low', 'close', 'mean', 'count'];

export interface CsvSeries {
  zoneId: string;
  market: string;
  resolution: string;
  currency: string;
  candles: readonly Candle[];
}

/** Candles as CSV (RFC 4180: a header row, CRLF line ends; no field needs quoting), times in UTC, prices per MWh. */
export function candlesCsv({ zoneId, market, resolution, currency, candles }: CsvSeries): string {
  const rows = candles.map((c) => [c.start, zoneId, market, resolution, currency, c.open.toFixed(2), c.high.toFixed(2), c.low.toFixed(2), c.close.toFixed(2), c.mean.toFixed(2), String(c.count)]);
  return [HEADER, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}

/** Offers text or bytes as a file download, made in the page (from what the page already holds). */
export function downloadFile(filename: string, content: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has taken the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
