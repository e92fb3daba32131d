import { randomUUID } from 'node:crypto';
import type { AccessTokenGrant, AuthTokens } from '../../shared/api/auth.js';
import type { BidUpdate } from '../../shared/api/bid-events.js';
import type { ErrorEnvelope } from '../../shared/api/errors.js';
import type { StreamServerMessage } from '../../shared/api/stream.js';
import type { LightMyRequestResponse } from 'fastify';
import { createEngine, type Engine } from '../engine/engine.js';
import type { backends } from './backends.js';
import { steppingClock } from './clock.js';
import { tempDir, testConfig, type TempDir } from './environment.js';

const PASSWORD = 'correct horse battery staple';

/** alice owns the desk, tina trades on it, vic only views it; bob owns another organisation. */
export type DeskMember = 'alice' | 'tina' | 'vic' | 'bob';

/** A step curve valid on EPEX (tick 0.1, lot 0.1 MW, prices rising, volumes not rising with price): buying. */
export const buyCurve = (periods: readonly number[]) => periods.map((period) => ({ period, points: [{ price: 10.5, volume: 5 }, { price: 60.2, volume: 1.5 }] }));
/** Selling (negative volumes), `most` MW at the higher price. */
export const sellCurve = (periods: readonly number[], most = 4) => periods.map((period) => ({ period, points: [{ price: 20, volume: -1 }, { price: 80.1, volume: -most }] }));

/** A DE_LU day-ahead curve draft of a portfolio (no asset needed), with a fresh client id. */
export const curveDraft = (deliveryDate: string, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  zoneId: 'DE_LU',
  market: 'day_ahead',
  auction: null,
  deliveryDate,
  assetId: null,
  portfolio: 'Desk A',
  side: 'buy',
  notes: null,
  orderType: 'curve',
  curve: buyCurve([1, 2, 3, 4]),
  ...overrides,
});

/** The draft as an edit: the same fields without the id, with the version it was made from. */
export const asEdit = (draft: Record<string, unknown>, version: number): Record<string, unknown> => {
  const { id: _id, ...rest } = draft;
  return { ...rest, version };
};

export interface BidDesk {
  engine: Engine;
  clock: ReturnType<typeof steppingClock>;
  organizationOf: Record<DeskMember, string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: DeskMember, payload?: object): Promise<LightMyRequestResponse>;
  /** Signs everyone in again (after the clock moved past the access tokens' life). */
  signInAgain(): Promise<void>;
  /** Inserts an active asset of `who`'s organisation in DE_LU, as plain SQL (the asset service is another capability). */
  addAsset(who: DeskMember, capacityKw: number, kind?: 'solar' | 'wind' | 'flexible_load'): Promise<string>;
  /** Every bid-update `who` receives on the event stream from now on. */
  listen(who: DeskMember): Promise<BidUpdate[]>;
  dispose(): Promise<void>;
}

/** The error of an error response. */
export const errorOf = (response: { json: () => unknown }): ErrorEnvelope['error'] => (response.json() as ErrorEnvelope).error;

/** An engine on a fresh database of the backend, with a stepping clock from `start`, and the four members above. */
export async function openBidDesk(prepare: (typeof backends)[number]['prepare'], start: string): Promise<BidDesk> {
  const { env, drop } = await prepare();
  const dir: TempDir = await tempDir();
  const clock = steppingClock(start);
  const engine = await createEngine(testConfig(dir.path, env), { clock });
  const tokens = {} as Record<DeskMember, string>;
  const organizationOf = {} as Record<DeskMember, string>;
  const inject = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string | null, payload?: object): Promise<LightMyRequestResponse> =>
    engine.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });

  for (const [name, organizationName] of [['alice', 'Alpha desk'], ['bob', 'Beta desk'], ['tina', null], ['vic', null]] as const) {
    const registered = (
      await inject('POST', '/api/auth/register', null, { email: `${name}@desk.example`, password: PASSWORD, displayName: name, ...(organizationName ? { organizationName } : {}) })
    ).json<AuthTokens>();
    tokens[name] = registered.accessToken;
    organizationOf[name] = registered.user.currentOrganizationId ?? '';
  }
  for (const [name, role] of [['tina', 'trader'], ['vic', 'viewer']] as const) {
    await inject('POST', `/api/organizations/${organizationOf.alice}/members`, tokens.alice, { email: `${name}@desk.example`, role });
    tokens[name] = (await inject('PUT', '/api/auth/current-organization', tokens[name], { organizationId: organizationOf.alice })).json<AccessTokenGrant>().accessToken;
    organizationOf[name] = organizationOf.alice;
  }

  return {
    engine,
    clock,
    organizationOf,
    call: (method, url, who, payload) => inject(method, url, tokens[who], payload),
    signInAgain: async () => {
      for (const name of Object.keys(tokens) as DeskMember[]) {
        tokens[name] = (await inject('POST', '/api/auth/login', null, { email: `${name}@desk.example`, password: PASSWORD })).json<AuthTokens>().accessToken;
      }
    },
    addAsset: async (who, capacityKw, kind = 'solar') => {
      const id = randomUUID();
      await engine.store.sql.run("INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw, status) VALUES (?, ?, ?, ?, 'DE_LU', ?, 'active')", [
        id,
        organizationOf[who],
        `Asset ${id}`,
        kind,
        capacityKw,
      ]);
      return id;
    },
    listen: async (who) => {
      const heard: BidUpdate[] = [];
      const session = engine.openStream((message: StreamServerMessage) => {
        if (message.type === 'event' && message.topic === 'bid-update' && !message.snapshot) heard.push(message.data);
      });
      await session.handle({ type: 'auth', accessToken: tokens[who] });
      await session.handle({ type: 'subscribe', topic: 'bid-update' });
      return heard;
    },
    dispose: async () => {
      await engine.close();
      await drop();
      await dir.remove();
    },
  };
}
