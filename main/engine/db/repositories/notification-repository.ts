import type { SqlExecutor } from '../sql/executor.js';

export interface NewNotification {
  id: string;
  userId: string;
  organizationId: string | null;
  kind: 'market_alert' | 'bid' | 'system' | 'password_reset' | 'invitation' | 'sync_conflict';
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Notifications shown in the terminal (there is no mail server). */
export class NotificationRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(notification: NewNotification): Promise<void> {
    await this.sql.run('INSERT INTO notifications (id, user_id, organization_id, kind, severity, title, body, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      notification.id,
      notification.userId,
      notification.organizationId,
      notification.kind,
      notification.severity,
      notification.title,
      notification.body,
      notification.data,
      notification.createdAt,
    ]);
  }
}
