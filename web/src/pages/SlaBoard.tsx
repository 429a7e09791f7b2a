import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../api';
import { hasRole } from '../auth';
import { relative } from '../format';
import { useLive } from '../live';

interface ClockView {
  ticketId: string;
  target: string;
  priority: string;
  team: string | null;
  assignee: string | null;
  startedAt: string;
  dueAt: string;
  atRiskAt: string | null;
  breachedAt: string | null;
}

interface Compliance {
  group: string | null;
  target: string;
  met: number;
  missed: number;
  percentMet: number | null;
}

function isoDaysAgo(days: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString();
}

/** At risk and breached now (live), and compliance by priority, team or agent over a chosen period. */
export function SlaBoard() {
  const [breached, setBreached] = useState<ClockView[]>([]);
  const [atRisk, setAtRisk] = useState<ClockView[]>([]);
  const [groupBy, setGroupBy] = useState('priority');
  const [days, setDays] = useState(30);
  const [compliance, setCompliance] = useState<Compliance[]>([]);
  const [error, setError] = useState<string | null>(null);
  const staff = hasRole('AGENT', 'MANAGER', 'ADMIN');

  const loadNow = useCallback(async () => {
    try {
      const [b, r] = await Promise.all([query<ClockView[]>('/api/sla/breached'), query<ClockView[]>('/api/sla/at-risk')]);
      setBreached(b);
      setAtRisk(r);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void loadNow();
    const timer = window.setInterval(() => void loadNow(), 30_000);
    return () => window.clearInterval(timer);
  }, [loadNow]);
  useLive(['ticket'], () => void loadNow());
  useEffect(() => {
    query<Compliance[]>(`/api/sla/compliance?groupBy=${groupBy}&from=${encodeURIComponent(isoDaysAgo(days))}`)
      .then(setCompliance).catch((e: Error) => setError(e.message));
  }, [groupBy, days]);

  const clocks = (title: string, rows: ClockView[], id: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title} ({rows.length})</h2>
      <table>
        <thead><tr><th scope="col">Ticket</th><th scope="col">Target</th><th scope="col">Priority</th>
          <th scope="col">Team</th><th scope="col">Assignee</th><th scope="col">Due</th></tr></thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.ticketId + c.target}>
              <td>{staff ? <Link to={'/tickets/' + c.ticketId}>{c.ticketId.slice(0, 8)}</Link> : c.ticketId.slice(0, 8)}</td>
              <td>{c.target}</td><td>{c.priority}</td><td>{c.team ?? '—'}</td><td>{c.assignee ?? '—'}</td>
              <td>{relative(c.dueAt)}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={6}>None.</td></tr>}
        </tbody>
      </table>
    </section>
  );
  return (
    <section aria-labelledby="sla-title">
      <h1 id="sla-title">SLA board</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="grid">
        {clocks('Breached now', breached, 'breached-title')}
        {clocks('At risk now', atRisk, 'at-risk-title')}
      </div>
      <section aria-labelledby="compliance-title">
        <h2 id="compliance-title">Compliance</h2>
        <div className="filters">
          <label>By
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
              {['all', 'priority', 'team', 'agent', 'day', 'week'].map((g) => <option key={g}>{g}</option>)}
            </select>
          </label>
          <label>Period
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              <option value={7}>last 7 days</option><option value={30}>last 30 days</option>
              <option value={90}>last 90 days</option>
            </select>
          </label>
        </div>
        <table>
          <thead><tr><th scope="col">{groupBy}</th><th scope="col">Target</th><th scope="col">Met</th>
            <th scope="col">Missed</th><th scope="col">% met</th></tr></thead>
          <tbody>
            {compliance.map((c, i) => (
              <tr key={i}><td>{c.group ?? 'all'}</td><td>{c.target}</td><td>{c.met}</td><td>{c.missed}</td>
                <td>{c.percentMet === null ? '–' : c.percentMet.toFixed(1) + ' %'}</td></tr>
            ))}
            {compliance.length === 0 && <tr><td colSpan={5}>No SLA outcomes in this period.</td></tr>}
          </tbody>
        </table>
      </section>
    </section>
  );
}
