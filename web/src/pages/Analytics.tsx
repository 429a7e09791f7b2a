import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Bar, Line } from 'react-chartjs-2';
import {
  BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip,
  type ActiveElement, type ChartEvent,
} from 'chart.js';
import { download, query } from '../api';
import { hasRole } from '../auth';
import { seconds, when } from '../format';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

interface Count { key: string; tickets: number }
interface Backlog { day: string; open: number }
interface Durations { key: string; count: number; meanSeconds: number | null; p50Seconds: number | null; p90Seconds: number | null }
interface Csat { key: string; responses: number; average: number | null; percentSatisfied: number | null }
interface Handoffs { requested: number; accepted: number; declined: number; expired: number; cancelled: number; open: number;
  meanSecondsToAccept: number | null; botToHumanPercent: number | null }
interface Drafts { botDrafts: number; editedByHumans: number; sent: number }
interface Deliveries { key: string; replies: number; pending: number; sent: number; delivered: number; read: number; failed: number }
interface Fact { ticketId: string; customerEmail: string; channel: string; priority: string; category: string | null;
  team: string | null; agent: string | null; createdAt: string; firstResponseSeconds: number | null;
  resolutionSeconds: number | null; csat: number | null; slaMet: boolean }

/** A drill-down: the filters that select the tickets behind a figure. */
type Filter = Record<string, string>;

function startOf(daysAgo: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString();
}

function nextDay(day: string): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** Manager's figures over a chosen period; every figure opens the tickets behind it. */
export default function Analytics() {
  const [days, setDays] = useState(30);
  const [by, setBy] = useState('channel');
  const [volume, setVolume] = useState<Count[]>([]);
  const [daily, setDaily] = useState<Count[]>([]);
  const [backlog, setBacklog] = useState<Backlog[]>([]);
  const [first, setFirst] = useState<Durations[]>([]);
  const [resolution, setResolution] = useState<Durations[]>([]);
  const [csat, setCsat] = useState<Csat[]>([]);
  const [handoffs, setHandoffs] = useState<Handoffs | null>(null);
  const [drafts, setDrafts] = useState<Drafts | null>(null);
  const [deliveries, setDeliveries] = useState<Deliveries[]>([]);
  const [filter, setFilter] = useState<Filter | null>(null);
  const [facts, setFacts] = useState<Fact[]>([]);
  const [error, setError] = useState<string | null>(null);
  const leads = hasRole('MANAGER', 'ADMIN');
  const from = startOf(days);
  const period = 'from=' + encodeURIComponent(from);

  useEffect(() => {
    const grouping = by === 'channel' || by === 'priority' ? by : 'all';
    Promise.all([
      query<Count[]>(`/api/analytics/volume?by=${by}&${period}`).then(setVolume),
      query<Count[]>(`/api/analytics/volume?by=day&${period}`).then(setDaily),
      query<Backlog[]>(`/api/analytics/backlog?${period}`).then(setBacklog),
      query<Durations[]>(`/api/analytics/response-times?metric=first-response&by=${grouping}&${period}`).then(setFirst),
      query<Durations[]>(`/api/analytics/response-times?metric=resolution&by=${grouping}&${period}`).then(setResolution),
      query<Csat[]>(`/api/analytics/csat?by=all&${period}`).then(setCsat),
      query<Handoffs>(`/api/analytics/handoffs?${period}`).then(setHandoffs),
      query<Drafts>(`/api/analytics/drafts?${period}`).then(setDrafts),
      query<Deliveries[]>(`/api/analytics/deliveries?by=channel&${period}`).then(setDeliveries),
    ]).then(() => setError(null)).catch((e: Error) => setError(e.message));
  }, [by, period]);

  useEffect(() => {
    if (!filter || !leads) return;
    const params = new URLSearchParams({ from, limit: '500', ...filter });
    query<Fact[]>('/api/analytics/tickets?' + params.toString()).then(setFacts).catch((e: Error) => setError(e.message));
  }, [filter, from, leads]);

  const drill = (next: Filter) => {
    setFilter(next);
    window.setTimeout(() => document.getElementById('drill-title')?.focus());
  };
  const onBar = (keys: string[], toFilter: (key: string) => Filter) =>
    (_: ChartEvent, elements: ActiveElement[]) => elements[0] && drill(toFilter(keys[elements[0].index]));

  return (
    <section aria-labelledby="analytics-title">
      <h1 id="analytics-title">Analytics</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="filters">
        <label>Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={7}>last 7 days</option><option value={30}>last 30 days</option><option value={90}>last 90 days</option>
          </select>
        </label>
        <label>Group by
          <select value={by} onChange={(e) => setBy(e.target.value)}>
            <option value="channel">channel</option><option value="priority">priority</option>
          </select>
        </label>
        {leads && <button type="button" className="secondary" onClick={() => void download(
          '/api/analytics/tickets.csv?' + period, 'tickets.csv').catch((e: Error) => setError(e.message))}>Download CSV</button>}
        {leads && <button type="button" className="secondary" onClick={() => void download(
          '/api/audit/events?format=ndjson&' + period, 'audit.ndjson').catch((e: Error) => setError(e.message))}>
          Download the audit trail</button>}
      </div>
      <div className="grid charts">
        <figure>
          <figcaption>Tickets by {by}</figcaption>
          <Bar aria-label={`Tickets by ${by}`} role="img" data={{ labels: volume.map((v) => v.key),
            datasets: [{ label: 'tickets', data: volume.map((v) => v.tickets), backgroundColor: '#1e6bb8' }] }}
               options={{ onClick: onBar(volume.map((v) => v.key), (key) => ({ [by]: key })) }} />
          <ul className="figures">
            {volume.map((v) => (
              <li key={v.key}><button type="button" className="link" onClick={() => drill({ [by]: v.key })}>
                {v.key}: {v.tickets}</button></li>
            ))}
          </ul>
        </figure>
        <figure>
          <figcaption>Tickets per day and backlog at the end of each day</figcaption>
          <Line aria-label="Tickets per day and backlog" role="img" data={{ labels: backlog.map((b) => b.day),
            datasets: [
              { label: 'open at end of day', data: backlog.map((b) => b.open), borderColor: '#b8641e' },
              { label: 'new tickets', data: backlog.map((b) => daily.find((d) => d.key === b.day)?.tickets ?? 0),
                borderColor: '#1e6bb8' },
            ] }} options={{ onClick: onBar(backlog.map((b) => b.day), (day) => ({ from: day + 'T00:00:00Z', to: nextDay(day) })) }} />
        </figure>
      </div>
      <div className="grid">
        <table>
          <caption>Response times</caption>
          <thead><tr><th scope="col">{by === 'channel' || by === 'priority' ? by : 'all'}</th><th scope="col">first response p50</th>
            <th scope="col">p90</th><th scope="col">resolution p50</th><th scope="col">p90</th></tr></thead>
          <tbody>
            {first.map((f) => {
              const r = resolution.find((x) => x.key === f.key);
              return (
                <tr key={f.key}>
                  <td><button type="button" className="link" onClick={() => drill(f.key === 'all' ? {} : { [by]: f.key })}>{f.key}</button></td>
                  <td>{seconds(f.p50Seconds)}</td><td>{seconds(f.p90Seconds)}</td>
                  <td>{seconds(r?.p50Seconds)}</td><td>{seconds(r?.p90Seconds)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <table>
          <caption>CSAT, handoffs, bot drafts, deliveries</caption>
          <tbody>
            {csat.map((c) => (
              <tr key={c.key}><th scope="row">CSAT</th><td>
                <button type="button" className="link" onClick={() => drill({ csat: '5' })}>
                  {c.average === null ? '–' : c.average.toFixed(2)} average, {c.percentSatisfied?.toFixed(0) ?? '–'} % satisfied,
                  {' '}{c.responses} responses</button></td></tr>
            ))}
            {handoffs && <tr><th scope="row">Handoffs</th><td>{handoffs.requested} requested, {handoffs.accepted} accepted,
              {' '}{handoffs.declined} declined, {handoffs.expired} expired; accepted after {seconds(handoffs.meanSecondsToAccept)}
              {' '}on average; bot to human {handoffs.botToHumanPercent?.toFixed(0) ?? '–'} %</td></tr>}
            {drafts && <tr><th scope="row">Bot drafts</th><td>{drafts.botDrafts} drafts, {drafts.editedByHumans} edited by people,
              {' '}{drafts.sent} sent</td></tr>}
            {deliveries.map((d) => (
              <tr key={d.key}><th scope="row">Replies on {d.key}</th><td>{d.replies}: {d.sent} sent, {d.delivered} delivered,
                {' '}{d.read} read, {d.failed} failed, {d.pending} pending</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {filter && (
        <section aria-labelledby="drill-title" className="drill">
          <h2 id="drill-title" tabIndex={-1}>Tickets behind the figure {Object.entries(filter).map(([k, v]) => k + ' ' + v).join(', ')}</h2>
          {!leads ? <p>Only managers see the tickets behind a figure.</p> : (
            <table>
              <thead><tr><th scope="col">Ticket</th><th scope="col">Created</th><th scope="col">Channel</th>
                <th scope="col">Priority</th><th scope="col">Agent</th><th scope="col">First response</th>
                <th scope="col">Resolution</th><th scope="col">CSAT</th><th scope="col">SLA met</th></tr></thead>
              <tbody>
                {facts.map((f) => (
                  <tr key={f.ticketId} data-ticket={f.ticketId}>
                    <td><Link to={'/tickets/' + f.ticketId}>{f.ticketId.slice(0, 8)}</Link></td>
                    <td>{when(f.createdAt)}</td><td>{f.channel}</td><td>{f.priority}</td><td>{f.agent ?? '—'}</td>
                    <td>{seconds(f.firstResponseSeconds)}</td><td>{seconds(f.resolutionSeconds)}</td>
                    <td>{f.csat ?? '—'}</td><td>{f.slaMet ? 'yes' : 'no'}</td>
                  </tr>
                ))}
                {facts.length === 0 && <tr><td colSpan={9}>No tickets.</td></tr>}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}
