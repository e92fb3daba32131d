import { isForeignKeyViolation } from '../sql/constraint-violations.js';
import { asJson, type SqlExecutor } from '../sql/executor.js';

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

  /**
   * Stores the prediction, unless its model already has one of that day issued at the same
   * instant (the natural key: two forecasts asked in one millisecond): then the first one stays
   * and is answered, so the second request gets what the first got instead of an error.
   * Null when the model is no longer there (deleted while it forecast): nothing is stored.
   */
  async insertFirst(prediction: PredictionRecord): Promise<PredictionRecord | null> {
    let inserted: { id: string } | null;
    try {
      inserted = await this.sql.one<{ id: string }>(
        'INSERT INTO predictions (id, model_id, zone_id, delivery_date, issued_at, periods, forecast, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_id, delivery_date, issued_at) DO NOTHING RETURNING id',
        [prediction.id, prediction.modelId, prediction.zoneId, prediction.deliveryDate, prediction.issuedAt, prediction.periods, prediction.forecast, prediction.issuedAt],
      );
    } catch (error) {
      if (isForeignKeyViolation(error)) return null;
      throw error;
    }
    if (inserted) return prediction;
    const first = await this.sql.one<{ id: string; zone_id: string; periods: number; forecast: unknown }>('SELECT id, zone_id, periods, forecast FROM predictions WHERE model_id = ? AND delivery_date = ? AND issued_at = ?', [
      prediction.modelId,
      prediction.deliveryDate,
      prediction.issuedAt,
    ]);
    // Only a deletion of the model between the two statements leaves nothing: its predictions went with it.
    if (!first) return null;
    return { ...prediction, id: first.id, zoneId: first.zone_id, periods: first.periods, forecast: asJson(first.forecast) as Record<string, unknown> };
  }
}
