import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { Bid } from '../../../shared/api/bids.js';
import type { HealthReport } from '../../../shared/api/health.js';
import type { SyncQueue } from '../../../shared/api/sync.js';
import { curveDraft } from '../../testing/bid-desk.js';
import { startEngineChild, type EngineChild } from '../../testing/engine-process.js';
import { tempDir, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, startFaultProxy, type FaultProxy } from '../../testing/fault-proxy.js';
import { createTestDatabase, queryRows, type TestDatabase } from '../../testing/postgres.js';

/** RELIABILITY.md 1: >= 100 kills in the soak run (npm run test:soak), a few in every run. */
const KILLS = process.env.OPTIBID_TEST_SOAK ? 100 : 5;
/** The kill comes at a random moment up to this long after the round's first acknowledged save. */
const KILL_WITHIN_MS = 1000;
/** Clients saving at once, each as fast as the engine answers. */
const WRITERS = 4;
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'tina@desk.example';
const READY_LINE = /OptiBid Terminal API listening on (http:\/\/\S+)/;
const DAY_MS = 86_400_000;
/** Short database timeouts: each start on a silent PostgreSQL waits one connect + query timeout before serving from the cache. */
const TIMEOUTS = { OPTIBID_DB_CONNECT_TIMEOUT_MS: '500', OPTIBID_DB_QUERY_TIMEOUT_MS: '500', OPTIBID_DB_HEALTH_INTERVAL_MS: '500' };

/** The day after tomorrow (UTC): its DE_LU gate (noon, Berlin, the day before) is at least a day away throughout the run. */
const deliveryDate = (): string => new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);


/** What the trader was told: drafts saved (2xx to their POST), and which of them were submitted with which id. */
interface Acknowledged {
  drafts: string[];
  submissions: Map<string, string>;
}

interface Reply {
  status: number;
  body: unknown;
}

/** A client of the engine over HTTP. A request the kill cut off resolves to null: no answer, no promise made. */
class Trader {
  constructor(
    private readonly base: string,
    private token: string | null = null,
  ) {}

  async send(method: 'GET' | 'POST', path: string, body?: object): Promise<Reply | null> {
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    try {
      const response = await fetch(new URL(path, this.base), { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      // The status line is the acknowledgement; a body cut off after it does not take it back.
      const text = await response.text().catch(() => '');
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      return null;
    }
  }

  async must<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const reply = await this.send(method, path, body);
    if (!reply || reply.status >= 300) throw new Error(`${method} ${path}: ${reply ? `${String(reply.status)} ${JSON.stringify(reply.body)}` : 'no answer'}`);
    return reply.body as T;
  }

  async signIn(register: boolean): Promise<void> {
    this.token = null;
    const tokens = register
      ? await this.must<AuthTokens>('POST', '/api/auth/register', { email: EMAIL, password: PASSWORD, displayName: 'Tina', organizationName: 'Desk' })
      : await this.must<AuthTokens>('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD });
    this.token = tokens.accessToken;
  }
}

/**
 * Saves drafts and submits about half of them, as fast as the engine answers, until it stops
 * answering. Any answer other than 2xx is a failure of the test: the engine is healthy until
 * the instant it is killed.
 */
async function saveUntilKilled(trader: Trader, acknowledged: Acknowledged, refusals: string[]): Promise<void> {
  for (;;) {
    const id = randomUUID();
    const created = await trader.send('POST', '/api/bids', curveDraft(deliveryDate(), { id }));
    if (!created) return;
    if (created.status !== 201) {
      refusals.push(`create ${String(created.status)} ${JSON.stringify(created.body)}`);
      return;
    }
    acknowledged.drafts.push(id);
    if (Math.random() < 0.5) continue;
    const submissionId = randomUUID();
    const submitted = await trader.send('POST', `/api/bids/${id}/submit`, { submissionId, version: 1, confirmWarnings: [] });
    if (!submitted) return;
    if (submitted.status !== 200) {
      refusals.push(`submit ${String(submitted.status)} ${JSON.stringify(submitted.body)}`);
      return;
    }
    acknowledged.submissions.set(id, submissionId);
  }
}

/** Checks every acknowledged draft on the restarted engine: present, submitted if that was acknowledged, and (offline) still queued. */
async function missingOrWrong(trader: Trader, acknowledged: Acknowledged, ids: readonly string[], queued: boolean): Promise<string[]> {
  const problems: string[] = [];
  for (const id of ids) {
    const reply = await trader.send('GET', `/api/bids/${id}`);
    if (reply?.status !== 200) {
      problems.push(`${id}: ${reply ? String(reply.status) : 'no answer'}`);
      continue;
    }
    const bid = reply.body as Bid;
    const submissionId = acknowledged.submissions.get(id);
    if (submissionId && (bid.status !== 'submitted' || bid.submissionId !== submissionId)) problems.push(`${id}: acknowledged as submitted (${submissionId}), found ${bid.status} (${String(bid.submissionId)})`);
    if (queued && bid.syncState !== 'queued') problems.push(`${id}: ${bid.syncState}, expected queued for the shared database`);
  }
  return problems;
}

/**
 * RELIABILITY.md 1: the engine runs as its own process and is killed with SIGKILL at random
 * moments while a trader saves drafts and submits them; every save it acknowledged is there
 * after the restart on the same data directory — on the embedded SQLite, and on a terminal whose
 * shared PostgreSQL is out of reach (everything in the cache and outbox), which then replays
 * each acknowledged draft exactly once when PostgreSQL returns.
 */
describe('kill -9 while drafts are saved and submitted', () => {
  let dir: TempDir;
  let child: EngineChild | null = null;

  beforeEach(async () => {
    dir = await tempDir('optibid-crash-');
  });
  afterEach(async () => {
    await child?.stop();
    child = null;
    await dir.remove();
  });

  /** Starts the engine on the test's data directory. */
  const start = async (settings: Record<string, string>): Promise<Trader> => {
    child = await startEngineChild({ args: ['serve', '--port', '0'], readyLine: READY_LINE, dataDir: dir.path, settings: { OPTIBID_FEEDS: 'none', ...settings } });
    return new Trader(child.url);
  };

  /**
   * KILLS rounds of saving and killing, each round's acknowledged drafts checked after its
   * restart; returns what the trader was told, and the trader on the engine left running.
   */
  async function killRepeatedly(settings: Record<string, string>, queued: boolean): Promise<{ acknowledged: Acknowledged; trader: Trader }> {
    const acknowledged: Acknowledged = { drafts: [], submissions: new Map() };
    const refusals: string[] = [];
    let trader = await start(settings);
    await trader.signIn(false);
    for (let kill = 1; kill <= KILLS; kill += 1) {
      const before = acknowledged.drafts.length;
      const writers = Array.from({ length: WRITERS }, () => saveUntilKilled(trader, acknowledged, refusals));
      // Timed from the first answer, not the start: the first request of a fresh process is slow, and a kill before it proves nothing.
      await eventually(() => acknowledged.drafts.length > before || refusals.length > 0, 'the first acknowledged save of the round');
      await sleep(Math.random() * KILL_WITHIN_MS);
      await child?.kill();
      await Promise.all(writers);
      expect(refusals).toEqual([]);

      trader = await start(settings);
      await trader.signIn(false);
      expect(await missingOrWrong(trader, acknowledged, acknowledged.drafts.slice(before), queued)).toEqual([]);
    }
    // Every round's drafts once more, after all the later kills.
    expect(await missingOrWrong(trader, acknowledged, acknowledged.drafts, queued)).toEqual([]);
    console.log(`crash safety: ${String(KILLS)} kills, ${String(acknowledged.drafts.length)} acknowledged drafts (${String(acknowledged.submissions.size)} submitted), 0 lost`);
    return { acknowledged, trader };
  }

  it('on the embedded SQLite: every acknowledged draft and submission survives', { timeout: KILLS * 10_000 + 30_000 }, async () => {
    const trader = await start({});
    await trader.signIn(true);
    await child?.stop();
    const { acknowledged } = await killRepeatedly({}, false);
    expect(acknowledged.drafts.length).toBeGreaterThan(KILLS);
  });

  describe('with the shared PostgreSQL out of reach', () => {
    let database: TestDatabase;
    let proxy: FaultProxy;

    beforeEach(async () => {
      database = await createTestDatabase();
      proxy = await startFaultProxy(database.url);
    });
    afterEach(async () => {
      await child?.stop();
      child = null;
      await proxy.close();
      await database.drop();
    });


    it('every acknowledged draft survives in the cache and outbox, and reaches PostgreSQL exactly once when it returns', { timeout: KILLS * 10_000 + 150_000 }, async () => {
      const settings = { DATABASE_URL: proxy.url, ...TIMEOUTS };
      // Online once: the trader registers, so the identity cache knows them for the offline sign-ins.
      // On the default timeouts and once the terminal says it is online: registering needs PostgreSQL,
      // and on a loaded machine a 500 ms timeout can call it gone before the first request.
      const online = await start({ DATABASE_URL: proxy.url });
      const state = async (): Promise<string | undefined> => (await online.must<HealthReport>('GET', '/health')).sync?.state;
      await eventually(async () => (await state()) === 'online', 'the terminal to report online');
      await online.signIn(true);
      proxy.setMode(Fault.blackhole);
      await eventually(async () => (await state()) === 'offline', 'the terminal to report offline', 15_000);
      await child?.stop();

      const { acknowledged, trader } = await killRepeatedly(settings, true);
      proxy.setMode(Fault.pass);
      // A soak queues over ten thousand writes: the budget grows with them, at 40 a second (a loaded machine replays about 90).
      const queued = acknowledged.drafts.length + acknowledged.submissions.size;
      await eventually(async () => (await trader.must<HealthReport>('GET', '/health')).sync?.queued === 0, 'the outbox to drain', 30_000 + queued * 25);
      const { writes } = await trader.must<SyncQueue>('GET', '/api/sync/queue');
      expect(writes.filter((write) => write.state !== 'done')).toEqual([]);

      const rows = await queryRows<{ id: string; status: string; submission_id: string | null }>(database.url, 'SELECT id, status, submission_id FROM bids WHERE id = ANY($1::uuid[])', [acknowledged.drafts]);
      const perId = new Map<string, number>();
      for (const row of rows) perId.set(row.id, (perId.get(row.id) ?? 0) + 1);
      expect(acknowledged.drafts.filter((id) => perId.get(id) !== 1)).toEqual([]);
      const submitted = new Map(rows.filter((row) => row.status === 'submitted').map((row) => [row.id, row.submission_id]));
      expect([...acknowledged.submissions].filter(([id, submissionId]) => submitted.get(id) !== submissionId)).toEqual([]);
    });
  });
});
