import { asDate, asJson, type SqlExecutor } from '../sql/executor.js';

export type NotificationKind = 'market_alert' | 'bid' | 'system' | 'password_reset' | 'invitation' | 'sync_conflict';

export interface NotificationRecord {
  id: string;
  userId: string;
  organizationId: string | null;
  kind: NotificationKind;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

interface Row {
  id: string;
  user_id: string;
  organization_id: string | null;
  kind: NotificationKind;
  severity: NotificationRecord['severity'];
  title: string;
  body: string;
  data: unknown;
  created_at: unknown;
}

const COLUMNS = 'id, user_id, organization_id, kind, severity, title, body, data, created_at';

/** Notifications shown in the terminal (there is no mail server). */
export class NotificationRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(notification: NotificationRecord): Promise<void> {
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

  /** A user's newest notifications of one kind, newest first. */
  async recentOf(userId: string, kind: NotificationKind, limit: number): Promise<NotificationRecord[]> {
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM notifications WHERE user_id = ? AND kind = ? ORDER BY created_at DESC, id LIMIT ?`, [userId, kind, limit]);
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      organizationId: row.organization_id,
      kind: row.kind,
      severity: row.severity,
      title: row.title,
      body: row.body,
      data: asJson(row.data) as Record<string, unknown>,
      createdAt: asDate(row.created_at),
    }));
  }
}
