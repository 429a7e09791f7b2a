import { useState, type FormEvent } from 'react';
import type { UiConfig } from '../config';
import { signInLocally, signInWithProvider, type Role } from '../auth';

const ROLES: Role[] = ['AGENT', 'MANAGER', 'ADMIN', 'VIEWER'];

/** Local profile: pick a user, roles and teams; otherwise: the identity provider's sign-in. */
export function SignIn({ config }: { config: UiConfig }) {
  const [user, setUser] = useState('');
  const [roles, setRoles] = useState<Role[]>(['AGENT']);
  const [teams, setTeams] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signInLocally(config, user.trim(), roles, teams.split(',').map((t) => t.trim()).filter(Boolean));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="container signin">
      <article>
        <header><h1>Sign in to Helpdesk</h1></header>
        {config.signIn === 'OIDC' ? (
          <button type="button" onClick={() => void signInWithProvider(config)}>Sign in with your organisation</button>
        ) : (
          <form onSubmit={submit} aria-describedby="local-note">
            <p id="local-note"><small>Local development sign-in: the token is signed with the development key.</small></p>
            <label>
              User
              <input name="user" value={user} onChange={(e) => setUser(e.target.value)} required autoFocus
                     autoComplete="username" />
            </label>
            <fieldset>
              <legend>Roles</legend>
              {ROLES.map((role) => (
                <label key={role}>
                  <input type="checkbox" name={'role-' + role} checked={roles.includes(role)}
                         onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))} />
                  {role}
                </label>
              ))}
            </fieldset>
            <label>
              Teams (comma-separated)
              <input name="teams" value={teams} onChange={(e) => setTeams(e.target.value)} />
            </label>
            {error && <p role="alert" className="error">{error}</p>}
            <button type="submit" aria-busy={busy} disabled={busy || roles.length === 0}>Sign in</button>
          </form>
        )}
      </article>
    </main>
  );
}
