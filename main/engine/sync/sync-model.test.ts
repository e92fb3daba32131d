import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { Bid } from '../../../shared/api/bids.js';
import type { SyncQueue } from '../../../shared/api/sync.js';
import { curveDraft } from '../../testing/bid-desk.js';
import { steppingClock } from '../../testing/clock.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, startFaultProxy, type FaultProxy } from '../../testing/fault-proxy.js';
import { createTestDatabase, queryRows, type TestDatabase } from '../../testing/postgres.js';
import { createEngine, type Engine } from '../engine.js';

/** RELIABILITY.md 3: >= 1,000 runs in the soak run (npm run test:soak), a few in every run. */
const RUNS = process.env.OPTIBID_TEST_SOAK ? 1000 : 8;
const MAX_COMMANDS = 12;
/** A failing run is repeated with OPTIBID_TEST_SEED (and the path fast-check prints). */
const SEED = process.env.OPTIBID_TEST_SEED ? Number(process.env.OPTIBID_TEST_SEED) : Math.floor(Math.random() * 2 ** 31);
/** RELIABILITY.md 3: the queue drains within 10 s of PostgreSQL returning. */
const DRAINED_WITHIN_MS = 10_000;
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'tina@desk.example';
const DAY_MS = 86_400_000;
/** Short timeouts keep a request that meets an unnoticed outage (and a start on a silent database) under a second. */
const TIMEOUTS = { OPTIBID_DB_CONNECT_TIMEOUT_MS: '500', OPTIBID_DB_QUERY_TIMEOUT_MS: '500', OPTIBID_DB_HEALTH_INTERVAL_MS: '250' };

/** What the trader was told about each bid: its version, what it was created with, and its submission if any. */
interface ModelBid {
  created: ReturnType<typeof curveBid>;
  edited: boolean;
  version: number;
  submission: { id: string; version: number } | null;
}
type Model = Map<string, ModelBid>;

/** A DE_LU day-ahead draft whose curve starts at `price`: an edit changes what the trader sees. */
const curveBid = (id: string, deliveryDate: string, price: number) => curveDraft(deliveryDate, { id, curve: [{ period: 1, points: [{ price, volume: 1 }, { price: price + 10, volume: 0.5 }] }] });

/**
 * The commands of a run (`look` reads a bid as the trader would). `pick` chooses among the bids the command applies to (modulo their
 * count); a command with none to apply to does nothing.
 */
type Command =
  | { kind: 'create'; price: number }
  | { kind: 'repeatCreate'; pick: number }
  | { kind: 'edit'; pick: number; price: number }
  | { kind: 'submit'; pick: number }
  | { kind: 'repeatSubmit'; pick: number }
  | { kind: 'look'; pick: number }
  | { kind: 'outage'; mode: 'blackhole' | 'reset' }
  | { kind: 'restore' }
  | { kind: 'restart' }
  | { kind: 'tick'; ms: number };

const price = fc.integer({ min: 1, max: 500 });
const pick = fc.nat({ max: 1000 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('create' as const), price }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('repeatCreate' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), pick, price }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('submit' as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('repeatSubmit' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('look' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('outage' as const), mode: fc.constantFrom('blackhole' as const, 'reset' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('restore' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('restart' as const) }), weight: 1 },
  // Seconds at most: twelve of them stay far inside the access token's 15 minutes and the gates two days away.
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 60_000 }) }), weight: 1 },
);

const describeCommand = (c: Command): string => Object.values(c).join(' ');

/**
 * Runs first in every run. It found that an edit made the moment PostgreSQL returned (the draft's
 * create still queued) went straight to PostgreSQL and answered BID_NOT_FOUND for a draft the
 * trader had been told was saved; a bid with queued writes now queues the next ones behind them.
 */
const QUEUED_THEN_EDITED: Command[] = [
  { kind: 'outage', mode: 'reset' },
  { kind: 'create', price: 5 },
  { kind: 'restore' },
  { kind: 'restart' },
  { kind: 'edit', pick: 0, price: 7 },
  { kind: 'look', pick: 0 },
  { kind: 'submit', pick: 0 },
  { kind: 'repeatSubmit', pick: 0 },
];

/**
 * RELIABILITY.md 3 as a model-based property: random mixes of drafting, editing, submitting,
 * repeated uploads, outages of the shared database, engine restarts and time passing. The model
 * is what the trader was told; every answer must agree with it whatever the database was doing,
 * and once PostgreSQL is back the queue drains within 10 s and PostgreSQL holds exactly the
 * trader's bids, submitted exactly as the trader was told.
 */
describe('sync: what the trader was told is what reaches PostgreSQL', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;


  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startFaultProxy(database.url);
    // The trader's account, made once on PostgreSQL; each run's terminal signs in online first.
    const dir = await tempDir();
    const engine = await createEngine(testConfig(dir.path, { DATABASE_URL: proxy.url }));
    const registered = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: EMAIL, password: PASSWORD, displayName: 'Tina', organizationName: 'Desk' } });
    expect(registered.statusCode).toBe(201);
    await engine.close();
    await dir.remove();
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });

  /** One run: a fresh terminal (data directory) on the same PostgreSQL, emptied of bids. */
  async function run(commands: readonly Command[]): Promise<void> {
    proxy.setMode(Fault.pass);
    await queryRows(database.url, 'TRUNCATE bids CASCADE');
    const dir: TempDir = await tempDir('optibid-model-');
    const clock = steppingClock();
    const deliveryDate = new Date(clock.now().getTime() + 2 * DAY_MS).toISOString().slice(0, 10);
    const open = () => createEngine(testConfig(dir.path, { DATABASE_URL: proxy.url, ...TIMEOUTS }), { clock });
    let engine: Engine = await open();
    const model: Model = new Map();
    const done: string[] = [];
    try {
      // Signing in online teaches the new terminal's identity cache the trader; a busy machine may need a second probe to find PostgreSQL.
      await eventually(() => engine.databases.primaryOnline, 'PostgreSQL to answer the new terminal');
      const signIn = await engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: PASSWORD } });
      expect(signIn.statusCode).toBe(200);
      const { accessToken } = signIn.json<AuthTokens>();
      const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => engine.app.inject({ method, url, headers: { authorization: `Bearer ${accessToken}` }, ...(payload ? { payload } : {}) });
      /** Asserts an answer, naming the commands so far when it is wrong. */
      const expectAnswer = (what: string, response: { statusCode: number; body: string }, status: number): Bid => {
        expect(response.statusCode, `${what} after [${done.join('; ')}]: ${response.body}`).toBe(status);
        return JSON.parse(response.body) as Bid;
      };
      const among = (n: number, where: (bid: ModelBid) => boolean): [string, ModelBid] | null => {
        const candidates = [...model].filter(([, bid]) => where(bid));
        return candidates[n % Math.max(1, candidates.length)] ?? null;
      };

      for (const c of commands) {
        switch (c.kind) {
          case 'create': {
            const created = curveBid(randomUUID(), deliveryDate, c.price);
            const bid = expectAnswer('create', await call('POST', '/api/bids', created), 201);
            expect([bid.id, bid.version, bid.status]).toEqual([created.id, 1, 'draft']);
            model.set(created.id, { created, edited: false, version: 1, submission: null });
            break;
          }
          case 'repeatCreate': {
            // The client did not hear the answer and sends the same create again: the same draft comes back.
            const found = among(c.pick, (bid) => !bid.edited);
            if (!found) break;
            const [id, known] = found;
            const bid = expectAnswer('repeated create', await call('POST', '/api/bids', known.created), 200);
            expect([bid.id, bid.version, bid.submissionId]).toEqual([id, known.version, known.submission?.id ?? null]);
            break;
          }
          case 'edit': {
            const found = among(c.pick, (bid) => bid.submission === null);
            if (!found) break;
            const [id, known] = found;
            const { id: _id, ...content } = curveBid(id, deliveryDate, c.price);
            const bid = expectAnswer('edit', await call('PUT', `/api/bids/${id}`, { ...content, version: known.version }), 200);
            expect(bid.version).toBe(known.version + 1);
            model.set(id, { ...known, edited: true, version: bid.version });
            break;
          }
          case 'submit': {
            const found = among(c.pick, (bid) => bid.submission === null);
            if (!found) break;
            const [id, known] = found;
            const submission = { id: randomUUID(), version: known.version };
            const bid = expectAnswer('submit', await call('POST', `/api/bids/${id}/submit`, { submissionId: submission.id, version: known.version, confirmWarnings: [] }), 200);
            expect([bid.status, bid.submissionId]).toEqual(['submitted', submission.id]);
            model.set(id, { ...known, version: bid.version, submission });
            break;
          }
          case 'repeatSubmit': {
            const found = among(c.pick, (bid) => bid.submission !== null);
            const submission = found?.[1].submission;
            if (!found || !submission) break;
            const [id, known] = found;
            const bid = expectAnswer('repeated submit', await call('POST', `/api/bids/${id}/submit`, { submissionId: submission.id, version: submission.version, confirmWarnings: [] }), 200);
            expect([bid.status, bid.submissionId, bid.version]).toEqual(['submitted', submission.id, known.version]);
            break;
          }
          case 'look': {
            const found = among(c.pick, () => true);
            if (!found) break;
            const [id, known] = found;
            const bid = expectAnswer('read', await call('GET', `/api/bids/${id}`), 200);
            expect([bid.version, bid.status, bid.submissionId]).toEqual([known.version, known.submission ? 'submitted' : 'draft', known.submission?.id ?? null]);
            break;
          }
          case 'outage':
            proxy.setMode(c.mode === 'blackhole' ? Fault.blackhole : Fault.reset);
            break;
          case 'restore':
            proxy.setMode(Fault.pass);
            break;
          case 'restart':
            await engine.close();
            engine = await open();
            break;
          case 'tick':
            clock.advance(c.ms);
            break;
        }
        done.push(describeCommand(c));
      }

      // PostgreSQL returns for good: the queue drains within 10 s, and PostgreSQL holds what the trader was told.
      proxy.setMode(Fault.pass);
      const returned = performance.now();
      await eventually(async () => (await call('GET', '/api/sync/queue')).json<SyncQueue>().status?.queued === 0, `the queue to drain after [${done.join('; ')}]`, DRAINED_WITHIN_MS);
      expect(performance.now() - returned).toBeLessThan(DRAINED_WITHIN_MS);
      const { writes } = (await call('GET', '/api/sync/queue')).json<SyncQueue>();
      expect(writes.filter((write) => write.state !== 'done').map((write) => `${write.operation} ${write.state}: ${String(write.detail)}`)).toEqual([]);

      const rows = await queryRows<{ id: string; status: string; submission_id: string | null; version: number }>(database.url, 'SELECT id, status, submission_id, version FROM bids ORDER BY id');
      const told = [...model].map(([id, bid]) => ({ id, status: bid.submission ? 'submitted' : 'draft', submission_id: bid.submission?.id ?? null, version: bid.version }));
      expect(rows, `PostgreSQL after [${done.join('; ')}]`).toEqual(told.sort((a, b) => a.id.localeCompare(b.id)));
    } finally {
      await engine.close();
      await dir.remove();
    }
  }

  it(`holds for ${String(RUNS)} random runs of up to ${String(MAX_COMMANDS)} commands (seed ${String(SEED)})`, { timeout: RUNS * 30_000 }, async () => {
    console.log(`sync model: seed ${String(SEED)}, ${String(RUNS)} runs (repeat with OPTIBID_TEST_SEED=${String(SEED)})`);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: MAX_COMMANDS }), async (commands) => {
        await run(commands);
      }),
      // No shrinking: each run costs seconds; the seed and path fast-check prints replay the failing run itself.
      { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: [[QUEUED_THEN_EDITED]] },
    );
  });
});
