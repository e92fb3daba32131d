import type { SqlExecutor } from '../sql/executor.js';

/** One stored forecast of a delivery day (predictions). */
export interface PredictionRecord {
  id: string;
  modelId: string;
  zoneId: string;
  /** YYYY-MM-DD in the zone's timezone. */
  deliveryDate: string;
  issuedAt: Date;
  /** The day's hours: 23, 24 or 25. */
  periods: number;
  /** The forecast as the API answered it: its periods with point and quantiles, and the levels. */
  forecast: Record<string, unknown>;
}

/** Forecasts as issued; they go with their model when it is deleted (ON DELETE CASCADE). */
export class PredictionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(prediction: PredictionRecord): Promise<void> {
    await this.sql.run('INSERT INTO predictions (id, model_id, zone_id, delivery_date, issued_at, periods, forecast, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      prediction.id,
      prediction.modelId,
      prediction.zoneId,
      prediction.deliveryDate,
      prediction.issuedAt,
      prediction.periods,
      prediction.forecast,
      prediction.issuedAt,
    ]);
  }
}
