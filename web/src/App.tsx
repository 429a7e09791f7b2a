import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { HashRouter, NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import type { UiConfig } from './config';
import { currentSession, hasRole, onSessionChange, signOut, type Session } from './auth';
import { live, setCommandBase, type LiveState } from './api';
import { LiveContext } from './live';
import { SignIn } from './pages/SignIn';
import { Inbox } from './pages/Inbox';
import { TicketView } from './pages/TicketView';
import { Notifications } from './pages/Notifications';
import { SlaBoard } from './pages/SlaBoard';
import { Channels } from './pages/Channels';

// The manager's and admin's screens (and the chart library) load only when opened.
const Analytics = lazy(() => import('./pages/Analytics'));
const Admin = lazy(() => import('./pages/Admin'));
const Rules = lazy(() => import('./pages/Rules'));
const Contacts = lazy(() => import('./pages/Contacts'));

export function App({ config }: { config: UiConfig }) {
  setCommandBase(config.commandUrl);
  const [session, setSession] = useState<Session | null>(currentSession());
  useEffect(() => onSessionChange(setSession), []);
  if (!session) {
    return <SignIn config={config} />;
  }
  return (
    <HashRouter>
      <Workspace config={config} session={session} />
    </HashRouter>
  );
}

const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous ticket in the inbox'],
  ['Enter', 'open the selected ticket'],
  ['r', 'reply (on a ticket)'],
  ['n', 'internal note (on a ticket)'],
  ['a', 'assign the ticket to me'],
  ['g i', 'go to the inbox'],
  ['?', 'show or hide this help'],
  ['Esc', 'close this help'],
];

function Workspace({ config, session }: { config: UiConfig; session: Session }) {
  const [state, setState] = useState<LiveState>('connecting');
  const [help, setHelp] = useState(false);
  const navigate = useNavigate();
  const listeners = useMemo(() => new Set<(topic: string, id: string) => void>(), []);
  useEffect(() => live((topic, id) => listeners.forEach((l) => l(topic, id)), setState), [listeners, session.token]);
  const subscribe = useCallback((listener: (topic: string, id: string) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listeners]);

  useEffect(() => {
    let pendingG = false;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      if (event.key === '?') {
        setHelp((open) => !open);
      } else if (event.key === 'Escape') {
        setHelp(false);
      } else if (event.key === 'g') {
        pendingG = true;
        window.setTimeout(() => (pendingG = false), 800);
      } else if (pendingG && event.key === 'i') {
        navigate('/');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const staff = hasRole('AGENT', 'MANAGER', 'ADMIN');
  return (
    <LiveContext.Provider value={{ state, subscribe }}>
      <a className="skip" href="#main">Skip to content</a>
      <header className="container-fluid top">
        <nav aria-label="Main">
          <ul>
            <li><strong>Helpdesk</strong></li>
            {staff && <li><NavLink to="/">Inbox</NavLink></li>}
            {staff && <li><NavLink to="/channels">Channels</NavLink></li>}
            {staff && <li><NavLink to="/contacts">Contacts</NavLink></li>}
            <li><NavLink to="/sla">SLA</NavLink></li>
            <li><NavLink to="/analytics">Analytics</NavLink></li>
            {staff && <li><NavLink to="/rules">Rules</NavLink></li>}
            {hasRole('ADMIN') && <li><NavLink to="/admin">Admin</NavLink></li>}
          </ul>
          <ul>
            <li>
              <span className={'live ' + state} role="status" aria-live="polite">
                {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Connection lost, reconnecting…'}
              </span>
            </li>
            {staff && <li><Notifications /></li>}
            <li>
              <button type="button" className="secondary outline small" onClick={() => setHelp(true)}
                      aria-label="Keyboard shortcuts">?</button>
            </li>
            <li><span data-testid="user">{session.user}</span> <small>({session.roles.join(', ')})</small></li>
            <li><button type="button" className="secondary small" onClick={() => signOut(config)}>Sign out</button></li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container-fluid">
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Routes>
            <Route path="/" element={staff ? <Inbox /> : <SlaBoard />} />
            <Route path="/tickets/:id" element={<TicketView />} />
            <Route path="/channels" element={<Channels />} />
            <Route path="/sla" element={<SlaBoard />} />
            <Route path="/analytics" element={<Analytics />} />
            <Route path="/admin" element={<Admin />} />
            <Route path="/rules" element={<Rules />} />
            <Route path="/contacts" element={<Contacts />} />
            <Route path="/contacts/:id" element={<Contacts />} />
          </Routes>
        </Suspense>
      </main>
      {help && (
        <dialog open aria-labelledby="help-title">
          <article>
            <header>
              <h2 id="help-title">Keyboard shortcuts</h2>
            </header>
            <table>
              <tbody>
                {SHORTCUTS.map(([keys, what]) => (
                  <tr key={keys}><td><kbd>{keys}</kbd></td><td>{what}</td></tr>
                ))}
              </tbody>
            </table>
            <footer>
              <button type="button" autoFocus onClick={() => setHelp(false)}>Close</button>
            </footer>
          </article>
        </dialog>
      )}
    </LiveContext.Provider>
  );
}
