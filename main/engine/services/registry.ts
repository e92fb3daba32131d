import type { Logger } from 'pino';
import type { ServiceHealth, ServiceName } from '../../../shared/api/health.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import { settings } from '../config/settings.js';
import { httpProbe } from '../health/probes/http-probe.js';
import { lazyProbe } from '../health/probes/lazy-probe.js';
import { ServiceMonitor, type MonitoredService } from '../health/service-monitor.js';
import { withoutPassword } from '../redact-url.js';

type OptionalServiceName = Exclude<ServiceName, 'database' | 'sqlite_cache'>;

/** The optional services and how each is probed; their features come from the settings table. */
function optionalServices(config: EngineConfig): MonitoredService[] {
  const { redisUrl, kafkaBrokers, clickhouseUrl, mlflowUrl, minioUrl } = config.services;
  const entry = (name: OptionalServiceName, feature: string, target: string | null, probe: MonitoredService['probe']): MonitoredService => ({
    name,
    required: false,
    target,
    featuresAffected: [feature],
    probe,
  });
  return [
    entry('redis', settings.redisUrl.feature, redisUrl && withoutPassword(redisUrl), redisUrl ? lazyProbe(async () => (await import('../health/probes/redis-probe.js')).redisProbe(redisUrl)) : null),
    entry('kafka', settings.kafkaBrokers.feature, kafkaBrokers?.join(',') ?? null, kafkaBrokers ? lazyProbe(async () => (await import('../health/probes/kafka-probe.js')).kafkaProbe(kafkaBrokers, config.probe.timeoutMs)) : null),
    entry('clickhouse', settings.clickhouseUrl.feature, clickhouseUrl && withoutPassword(clickhouseUrl), clickhouseUrl ? httpProbe(clickhouseUrl, 'ping') : null),
    entry('mlflow', settings.mlflowUrl.feature, mlflowUrl && withoutPassword(mlflowUrl), mlflowUrl ? httpProbe(mlflowUrl, 'health') : null),
    entry('minio', settings.minioUrl.feature, minioUrl && withoutPassword(minioUrl), minioUrl ? httpProbe(minioUrl, 'minio/health/live') : null),
  ];
}

/**
 * Registry of the optional services (Redis, Kafka, ClickHouse, MLflow, MinIO). Each is probed
 * in the background; features that can use one ask `isAvailable` and fall back when it is not.
 */
export class ServiceRegistry {
  private readonly monitors: Map<OptionalServiceName, ServiceMonitor>;

  constructor(config: EngineConfig, logger: Logger, clock: Clock) {
    const timing = { timeoutMs: config.probe.timeoutMs, intervalMs: config.probe.intervalMs, maxBackoffMs: config.probe.maxBackoffMs };
    this.monitors = new Map(
      optionalServices(config).map((service) => [service.name as OptionalServiceName, new ServiceMonitor(service, timing, logger, clock)]),
    );
  }

  start(): void {
    for (const monitor of this.monitors.values()) monitor.start();
  }

  isAvailable(name: OptionalServiceName): boolean {
    return this.monitors.get(name)?.isOk ?? false;
  }

  snapshot(): ServiceHealth[] {
    return [...this.monitors.values()].map((m) => m.snapshot());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.monitors.values()].map((m) => m.stop()));
  }
}
