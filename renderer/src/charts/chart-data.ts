/** A candle of a chart; `time` is its start in epoch milliseconds. */
export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** A point of a line or area chart; `time` in epoch milliseconds. */
export interface ChartPoint {
  time: number;
  value: number;
}

export type ChartDatum = ChartBar | ChartPoint;

/**
 * Live updates for a chart: started once the chart has drawn its data, it calls `push` with
 * each new or changed datum (a bar replaces the bar of the same time) and returns its stop.
 */
export type LiveSource = (push: (datum: ChartDatum) => void) => () => void;
