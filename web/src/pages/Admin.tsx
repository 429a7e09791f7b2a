import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { query, queryPost } from '../api';
import { currentSession } from '../auth';
import FieldsAdmin from './FieldsAdmin';

interface Segment { segment: number; owner: string | null; position: number | null; state: string; caughtUp: boolean }
interface Failure { since: string; attempts: number; error: string }
interface ProcessorStatus { name: string; running: boolean; head: number; lag: number | null; replaying: boolean;
  failing: Failure | null; deadLetters: number; segments: Segment[] }
interface Progress { id: string; readModel: string; state: string; total: number; done: number; eventsPerSecond: number;
  secondsLeft: number | null; error: string | null }
interface WhatIfReport { rebuild: Progress; compliance: { target: string; percentMetBefore: number | null; percentMetAfter: number | null }[];
  changed: { ticketId: string; target: string; cycle: number; before: string; after: string }[] }

const READ_MODELS = ['inbox', 'sla', 'analytics', 'notifications', 'channels', 'audit'];

/** Follows a rebuild's progress over server-sent events until it is done or failed. */
function follow(id: string, onProgress: (p: Progress) => void): Promise<Progress> {
  return new Promise((resolve) => {
    const source = new EventSource(`/api/admin/rebuilds/${id}/progress?access_token=`
                                   + encodeURIComponent(currentSession()!.token));
    source.addEventListener('progress', (event) => {
      const progress = JSON.parse((event as MessageEvent<string>).data) as Progress;
      onProgress(progress);
      if (progress.state === 'DONE' || progress.state === 'FAILED') {
        source.close();
        resolve(progress);
      }
    });
    source.onerror = () => {
      source.close();
      void query<Progress>(`/api/admin/rebuilds/${id}`).then((p) => { onProgress(p); resolve(p); });
    };
  });
}

function Bar({ progress }: { progress: Progress }) {
  return (
    <div>
      <progress value={progress.done} max={Math.max(progress.total, 1)} aria-label={'Rebuild of ' + progress.readModel} />
      <small>{progress.readModel}: {progress.state}, {progress.done} of {progress.total} events,
        {' '}{Math.round(progress.eventsPerSecond)} events/s{progress.secondsLeft !== null && ', ' + progress.secondsLeft + ' s left'}
        {progress.error && ' — ' + progress.error}</small>
    </div>
  );
}

export default function Admin() {
  const [processors, setProcessors] = useState<ProcessorStatus[]>([]);
  const [readModel, setReadModel] = useState('analytics');
  const [rebuild, setRebuild] = useState<Progress | null>(null);
  const [targets, setTargets] = useState({ priority: 'P1', firstResponse: 'PT2H', nextResponse: '', resolution: '' });
  const [whatIf, setWhatIf] = useState<Progress | null>(null);
  const [report, setReport] = useState<WhatIfReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    query<ProcessorStatus[]>('/api/admin/processors').then((p) => { setProcessors(p); setError(null); })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    load();
    const timer = window.setInterval(load, 2000);
    return () => window.clearInterval(timer);
  }, [load]);

  const startRebuild = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const started = await queryPost<Progress>('/api/admin/rebuilds', { readModel });
      setRebuild(started);
      await follow(started.id, setRebuild);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const startWhatIf = async (event: FormEvent) => {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries({ firstResponse: targets.firstResponse, nextResponse: targets.nextResponse,
                                                      resolution: targets.resolution }).filter(([, v]) => v.trim()));
    try {
      setReport(null);
      const started = await queryPost<Progress>('/api/admin/sla-what-if', { targets: { [targets.priority]: given } });
      setWhatIf(started);
      const done = await follow(started.id, setWhatIf);
      if (done.state === 'DONE') setReport(await query<WhatIfReport>(`/api/admin/sla-what-if/${started.id}`));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <table>
        <caption>Event processors</caption>
        <thead><tr><th scope="col">Processor</th><th scope="col">Running</th><th scope="col">Lag</th>
          <th scope="col">Segments</th><th scope="col">Dead letters</th><th scope="col">Failing</th></tr></thead>
        <tbody>
          {processors.map((p) => (
            <tr key={p.name}>
              <td>{p.name}{p.replaying && ' (replaying)'}</td><td>{p.running ? 'yes' : 'no'}</td>
              <td>{p.lag ?? '–'}</td><td>{p.segments.map((s) => s.state).join(', ')}</td><td>{p.deadLetters}</td>
              <td>{p.failing ? `${p.failing.attempts} attempts: ${p.failing.error}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid">
        <form onSubmit={(e) => void startRebuild(e)} aria-labelledby="rebuild-title">
          <h2 id="rebuild-title">Rebuild a read model</h2>
          <label>Read model
            <select value={readModel} onChange={(e) => setReadModel(e.target.value)}>
              {READ_MODELS.map((m) => <option key={m}>{m}</option>)}
            </select>
          </label>
          <button type="submit">Rebuild</button>
          {rebuild && <Bar progress={rebuild} />}
        </form>
        <form onSubmit={(e) => void startWhatIf(e)} aria-labelledby="whatif-title">
          <h2 id="whatif-title">SLA what-if</h2>
          <label>Priority
            <select value={targets.priority} onChange={(e) => setTargets({ ...targets, priority: e.target.value })}>
              {['P0', 'P1', 'P2', 'P3'].map((p) => <option key={p}>{p}</option>)}
            </select>
          </label>
          {(['firstResponse', 'nextResponse', 'resolution'] as const).map((target) => (
            <label key={target}>{target} (ISO-8601 duration, e.g. PT4H; empty keeps the live target)
              <input value={targets[target]} onChange={(e) => setTargets({ ...targets, [target]: e.target.value })} />
            </label>
          ))}
          <button type="submit">Compare</button>
          {whatIf && <Bar progress={whatIf} />}
        </form>
      </div>
      {report && (
        <section aria-labelledby="diff-title">
          <h2 id="diff-title">Before and after</h2>
          <table>
            <thead><tr><th scope="col">Target</th><th scope="col">% met now</th><th scope="col">% met with the change</th></tr></thead>
            <tbody>
              {report.compliance.map((c) => (
                <tr key={c.target}><td>{c.target}</td><td>{c.percentMetBefore?.toFixed(1) ?? '–'}</td>
                  <td>{c.percentMetAfter?.toFixed(1) ?? '–'}</td></tr>
              ))}
            </tbody>
          </table>
          <p>{report.changed.length} outcomes change.</p>
          <ul>{report.changed.slice(0, 50).map((c) => (
            <li key={c.ticketId + c.target + c.cycle}>{c.ticketId.slice(0, 8)} {c.target}: {c.before} → {c.after}</li>
          ))}</ul>
        </section>
      )}
      <FieldsAdmin />
    </section>
  );
}
