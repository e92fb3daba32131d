import type { ServiceName, ServiceStatus } from '../../shared/api/health.js';

export const SERVICE_LABELS: Record<ServiceName, string> = {
  database: 'Database',
  sqlite_cache: 'SQLite cache',
  redis: 'Redis',
  kafka: 'Kafka',
  clickhouse: 'ClickHouse',
  mlflow: 'MLflow',
  minio: 'MinIO',
};

export const STATUS_LABELS: Record<ServiceStatus, string> = {
  ok: 'ok',
  degraded: 'degraded',
  unavailable: 'unavailable',
  not_configured: 'not configured',
};
