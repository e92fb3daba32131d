import type { LightMyRequestResponse } from 'fastify';
import type { AuthTokens } from '../../shared/api/auth.js';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine.js';
import type { backends } from './backends.js';
import { tempDir, testConfig } from './environment.js';

const PASSWORD = 'correct horse battery staple';

/** alice owns the desk's organisation, vera is a viewer in it, bob owns another organisation. */
export type DeskMember = 'alice' | 'vera' | 'bob';

export interface Desk {
  engine: Engine;
  /** alice's organisation. */
  organizationId: string;
  /** A member's access token (for a WebSocket of the event stream). */
  token(who: DeskMember): string;
  /** An API request as one of the members. */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: DeskMember, payload?: object): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An engine on one backend with two organisations and a viewer: the cast of the organisation-scoped route tests. */
export async function openDesk(backend: (typeof backends)[number], options: EngineOptions = {}): Promise<Desk> {
  const dir = await tempDir();
  const { env, drop } = await backend.prepare();
  const engine = await createEngine(testConfig(dir.path, env), options);
  const register = async (name: DeskMember): Promise<AuthTokens> =>
    (
      await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: `${name}@desk.example`, password: PASSWORD, displayName: name, organizationName: `${name} desk` } })
    ).json<AuthTokens>();
  const alice = await register('alice');
  const organizationId = alice.user.currentOrganizationId ?? '';
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const bob = await register('bob');
  const veraOwn = await register('vera');
  await engine.app.inject({ method: 'POST', url: `/api/organizations/${organizationId}/members`, headers: bearer(alice.accessToken), payload: { email: 'vera@desk.example', role: 'viewer' } });
  const vera = (await engine.app.inject({ method: 'PUT', url: '/api/auth/current-organization', headers: bearer(veraOwn.accessToken), payload: { organizationId } })).json<{ accessToken: string }>();
  const tokens: Record<DeskMember, string> = { alice: alice.accessToken, bob: bob.accessToken, vera: vera.accessToken };
  return {
    engine,
    organizationId,
    token: (who) => tokens[who],
    call: (method, url, who, payload) => engine.app.inject({ method, url, payload, headers: bearer(tokens[who]) }),
    close: async () => {
      await engine.close();
      await drop();
      await dir.remove();
    },
  };
}
