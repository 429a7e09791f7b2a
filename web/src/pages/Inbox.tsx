import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { query } from '../api';
import { currentSession } from '../auth';
import { relative } from '../format';
import { useLive } from '../live';
import { applyMacro, listMacros, summary, undoApplication, type MacroView } from '../macros';
import type { InboxRow, Organization } from '../types';

interface Page {
  items: InboxRow[];
  nextCursor: string | null;
}

const VIEWS = [['mine', 'Mine'], ['team', 'My teams'], ['unassigned', 'Unassigned'], ['all', 'All'],
  ['snoozed', 'Snoozed']] as const;

/** When this user last looked at each ticket, on this browser: what is new to them since. */
function seen(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem('seen:' + currentSession()?.user) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function markSeen(ticketId: string, at: string) {
  const all = seen();
  all[ticketId] = at;
  localStorage.setItem('seen:' + currentSession()?.user, JSON.stringify(all));
}

export function SlaBadge({ due }: { due: string | null }) {
  if (!due) return null;
  const left = new Date(due).getTime() - Date.now();
  const level = left < 0 ? 'breached' : left < 3600_000 ? 'at-risk' : 'ok';
  return <span className={'badge sla ' + level}>{left < 0 ? 'SLA breached ' : 'SLA due '}{relative(due)}</span>;
}

export function Inbox() {
  const [view, setView] = useState<string>('mine');
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [channel, setChannel] = useState('');
  const [organization, setOrganization] = useState('');
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [text, setText] = useState('');
  const [sort, setSort] = useState('sla');
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState(0);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [macros, setMacros] = useState<MacroView[]>([]);
  const [macro, setMacro] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [lastApplication, setLastApplication] = useState<string | null>(null);
  useEffect(() => {
    void query<Organization[]>('/api/organizations').then(setOrganizations).catch(() => undefined);
  }, []);
  useEffect(() => {
    listMacros().then((found) => {
      setMacros(found);
      if (found.length > 0) setMacro(found[0].macroId);
    }).catch(() => undefined);
  }, []);
  const bulk = async () => {
    try {
      const applied = await applyMacro(macro, [...chosen]);
      setOutcome(summary(applied));
      setLastApplication(applied.applicationId);
      setChosen(new Set());
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const navigate = useNavigate();

  const path = useCallback((cursor?: string) => {
    // Snoozed tickets are a view of their own: every snoozed ticket, whoever has it.
    const params = view === 'snoozed' ? new URLSearchParams({ snoozed: 'true', sort, limit: '50' })
                                      : new URLSearchParams({ view, sort, limit: '50' });
    if (status) params.set('status', status);
    if (priority) params.set('priority', priority);
    if (channel) params.set('channel', channel);
    if (organization) params.set('organizationId', organization);
    if (text.trim()) params.set('q', text.trim());
    if (cursor) params.set('cursor', cursor);
    return '/api/inbox?' + params.toString();
  }, [view, status, priority, channel, organization, text, sort]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const page = await query<Page>(path());
      setRows(page.items);
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);
  useLive(['ticket'], () => void load());

  const more = async () => {
    if (!next) return;
    try {
      const page = await query<Page>(path(next));
      setRows((current) => [...current, ...page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select')) return;
      if (event.key === 'j') setSelected((i) => Math.min(i + 1, rows.length - 1));
      else if (event.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (event.key === 'Enter' && rows[selected]) navigate('/tickets/' + rows[selected].ticketId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, navigate]);

  const lastSeen = seen();
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <div role="tablist" aria-label="Views" className="tabs">
        {VIEWS.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={view === id}
                  className={view === id ? '' : 'secondary outline'} onClick={() => setView(id)}>{label}</button>
        ))}
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <label>Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {['OPEN', 'PENDING', 'ON_HOLD', 'RESOLVED', 'CLOSED'].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label>Priority
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">any</option>
            {['P0', 'P1', 'P2', 'P3'].map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
        <label>Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">any</option>
            {['EMAIL', 'CHAT', 'WHATSAPP', 'SMS', 'INSTAGRAM', 'FACEBOOK', 'PHONE', 'WEB'].map((c) => <option key={c}>{c}</option>)}
          </select>
        </label>
        {organizations.length > 0 && (
          <label>Organization
            <select value={organization} onChange={(e) => setOrganization(e.target.value)}>
              <option value="">any</option>
              {organizations.map((o) => <option key={o.organizationId} value={o.organizationId}>{o.name}</option>)}
            </select>
          </label>
        )}
        <label>Sort
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="sla">SLA due first</option>
            <option value="priority">priority</option>
            <option value="activity">latest activity</option>
          </select>
        </label>
        <label>Search
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="subject or customer" />
        </label>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {chosen.size > 0 && macros.length > 0 && (
        <form className="bulk" onSubmit={(e) => { e.preventDefault(); void bulk(); }} aria-label="Bulk actions">
          <span>{chosen.size} selected</span>
          <select aria-label="Macro for the selected tickets" value={macro} onChange={(e) => setMacro(e.target.value)}>
            {macros.map((m) => <option key={m.macroId} value={m.macroId}>{m.name} (v{m.version})</option>)}
          </select>
          <button type="submit" className="small">Apply to the selected</button>
        </form>
      )}
      {outcome && (
        <p role="status" className="notice">Macro: {outcome}{' '}
          {lastApplication && (
            <button type="button" className="secondary small" onClick={() => void undoApplication(lastApplication)
              .then((undone) => { setOutcome('undone: ' + summary(undone)); setLastApplication(null); return load(); })
              .catch((e: Error) => setError(e.message))}>Undo</button>
          )}
        </p>
      )}
      <table className="inbox" aria-busy={loading}>
        <thead>
          <tr><th scope="col"><span className="visually-hidden">Select</span></th>
            <th scope="col">Ticket</th><th scope="col">Customer</th><th scope="col">Priority</th>
            <th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">SLA</th><th scope="col">Activity</th></tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const unread = !lastSeen[row.ticketId] || lastSeen[row.ticketId] < row.lastActivityAt;
            return (
              <tr key={row.ticketId} className={i === selected ? 'selected' : ''} aria-selected={i === selected}
                  data-ticket={row.ticketId}>
                <td>
                  <input type="checkbox" aria-label={'Select ' + row.subject} checked={chosen.has(row.ticketId)}
                         onChange={(e) => {
                           const next = new Set(chosen);
                           if (e.target.checked) next.add(row.ticketId); else next.delete(row.ticketId);
                           setChosen(next);
                         }} />
                </td>
                <td>
                  <Link to={'/tickets/' + row.ticketId}>{row.subject}</Link>
                  {unread && <span className="badge new">new</span>}
                </td>
                <td>{row.customerName ?? row.customerEmail} <small>{row.channel}</small></td>
                <td><span className={'badge ' + row.priority}>{row.priority}</span></td>
                <td>{row.status}</td>
                <td>{row.assignee ?? '—'}{row.team ? ' (' + row.team + ')' : ''}</td>
                <td><SlaBadge due={row.slaDueAt} /></td>
                <td>{relative(row.lastActivityAt)}</td>
              </tr>
            );
          })}
          {rows.length === 0 && !loading && <tr><td colSpan={8}>No tickets here.</td></tr>}
        </tbody>
      </table>
      {next && <button type="button" className="secondary" onClick={() => void more()}>Load more</button>}
    </section>
  );
}
