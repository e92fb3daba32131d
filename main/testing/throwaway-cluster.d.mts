export interface ThrowawayCluster {
  /** The superuser's URL on the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  dir: string;
  /** Stops the cluster and removes its directory. */
  stop: () => Promise<void>;
}

export function startThrowawayCluster(options: { name: string; onError: (message: unknown) => void }): Promise<ThrowawayCluster>;
