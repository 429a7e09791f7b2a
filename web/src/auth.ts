import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { UiConfig } from './config';

export type Role = 'VIEWER' | 'AGENT' | 'MANAGER' | 'ADMIN';

/** Who is signed in: the token (kept in memory only) and what it says of its holder. */
export interface Session {
  token: string;
  user: string;
  roles: Role[];
  teams: string[];
  expiresAt: number;
}

let session: Session | null = null;
const listeners = new Set<(session: Session | null) => void>();
let manager: UserManager | null = null;
let renewal: number | undefined;

export function currentSession(): Session | null {
  return session;
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(next: Session | null) {
  session = next;
  listeners.forEach((listener) => listener(next));
}

export function hasRole(...roles: Role[]): boolean {
  return !!session && session.roles.some((role) => roles.includes(role));
}

/** The claims of a JWT, read without checking it: the server checks every token on every call. */
function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(/[ ,]+/).filter(Boolean);
  return [];
}

function fromToken(token: string, config: UiConfig): Session {
  const c = claims(token);
  const roles = list(c[config.rolesClaim]).map((r) => r.replace(/^ROLE_/, '').toUpperCase()) as Role[];
  return {
    token,
    user: String(c[config.userClaim] ?? c.sub ?? 'unknown'),
    roles,
    teams: list(c[config.teamsClaim]),
    expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : Date.now() + 3600_000,
  };
}

/** Local profile: a token from the development token helper, asked for again before it expires. */
export async function signInLocally(config: UiConfig, user: string, roles: Role[], teams: string[]): Promise<void> {
  const query = new URLSearchParams({ user, roles: roles.join(','), teams: teams.join(',') });
  const answer = await fetch('/api/dev/token?' + query.toString());
  if (!answer.ok) {
    const problem = (await answer.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? 'sign-in failed (' + answer.status + ')');
  }
  const { token } = (await answer.json()) as { token: string };
  const next = fromToken(token, config);
  setSession(next);
  window.clearTimeout(renewal);
  const renewIn = Math.max(10_000, (next.expiresAt - Date.now()) * 0.8);
  renewal = window.setTimeout(() => void signInLocally(config, user, roles, teams).catch(() => setSession(null)), renewIn);
}

function oidc(config: UiConfig): UserManager {
  if (!manager) {
    manager = new UserManager({
      authority: config.issuer ?? '',
      client_id: config.clientId ?? '',
      redirect_uri: window.location.origin + '/',
      post_logout_redirect_uri: window.location.origin + '/',
      response_type: 'code',
      scope: config.scope,
      // Tokens stay in memory; only the short-lived state of a sign-in in progress survives the redirect.
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      automaticSilentRenew: true,
    });
    manager.events.addUserLoaded((user) => setSession(fromToken(user.access_token, config)));
    manager.events.addAccessTokenExpired(() => setSession(null));
  }
  return manager;
}

/** OpenID Connect: authorization code with PKCE at the identity provider. */
export async function signInWithProvider(config: UiConfig): Promise<void> {
  await oidc(config).signinRedirect();
}

/** Back from the identity provider: exchange the code for tokens, then forget the code in the address bar. */
export async function completeSignIn(config: UiConfig): Promise<void> {
  if (config.signIn !== 'OIDC') return;
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') && params.has('state')) {
    const user = await oidc(config).signinRedirectCallback();
    setSession(fromToken(user.access_token, config));
    window.history.replaceState({}, document.title, window.location.pathname + window.location.hash);
  }
}

export function signOut(config: UiConfig): void {
  window.clearTimeout(renewal);
  setSession(null);
  if (config.signIn === 'OIDC') void oidc(config).signoutRedirect();
}
