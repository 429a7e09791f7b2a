import { useCallback, useEffect, useState } from 'react';
import { command } from '../api';
import { hasRole } from '../auth';
import { when } from '../format';

interface Rule {
  ruleId: string; version: number; name: string; position: number; enabled: boolean; triggers: string[];
  timer: { state: string; after: string; businessHours: boolean } | null;
  conditions: { field: string; key: string | null; operator: string; value: string | null }[];
  actions: Record<string, unknown>[];
}
interface Firing { ticketId: string; trigger: string; at: string; actions: string[]; refused: string | null }
interface DryRun { eventsRead: number; ticketsSeen: number; firings: number; ticketsTouched: number; millis: number;
  truncated: boolean; listed: Firing[] }

const EXAMPLE = JSON.stringify({
  name: 'Refund requests to billing',
  triggers: ['TICKET_OPENED', 'CUSTOMER_MESSAGE'],
  conditions: [{ field: 'TEXT', operator: 'CONTAINS', value: 'refund' }],
  actions: [{ type: 'ADD_TAGS', tags: ['refund'] }, { type: 'ROUTE', team: 'billing' }],
}, null, 2);

/** Rules (managers): the rules in the order they run, switched on and off; a draft tried on history, then saved. */
export default function Rules() {
  const [rules, setRules] = useState<Rule[]>([]);
  const [draft, setDraft] = useState(EXAMPLE);
  const [days, setDays] = useState(30);
  const [result, setResult] = useState<DryRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manager = hasRole('MANAGER', 'ADMIN');

  const load = useCallback(() => {
    command<Rule[]>('GET', '/api/rules').then(setRules).catch((e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  const parsed = (): Record<string, unknown> | null => {
    try {
      return JSON.parse(draft) as Record<string, unknown>;
    } catch (e) {
      setError('The rule is not valid JSON: ' + (e as Error).message);
      return null;
    }
  };
  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const tryIt = () => {
    const rule = parsed();
    if (!rule) return;
    const to = new Date();
    const from = new Date(to.getTime() - days * 24 * 60 * 60 * 1000);
    void run(async () => setResult(await command<DryRun>('POST', '/api/rules/dry-run',
                                                         { rule, from: from.toISOString(), to: to.toISOString() })));
  };
  const save = () => {
    const rule = parsed();
    if (!rule) return;
    void run(async () => { await command('POST', '/api/rules', rule); load(); });
  };
  const toggle = (rule: Rule) => {
    const { ruleId, version, ...definition } = rule;
    void version;
    void run(async () => { await command('PUT', '/api/rules/' + encodeURIComponent(ruleId),
                                         { ...definition, enabled: !rule.enabled }); load(); });
  };

  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">Rules</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <table>
        <thead><tr><th>Position</th><th>Name</th><th>Runs on</th><th>Conditions</th><th>Actions</th><th>Version</th><th>State</th></tr></thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.ruleId} data-rule={rule.name}>
              <td>{rule.position}</td>
              <td>{rule.name}</td>
              <td>{rule.timer ? `${rule.timer.state} for ${rule.timer.after}${rule.timer.businessHours ? ' (working hours)' : ''}`
                              : rule.triggers.join(', ')}</td>
              <td>{rule.conditions.map((c) => `${c.field}${c.key ? ' ' + c.key : ''} ${c.operator} ${c.value ?? '(none)'}`).join('; ') || 'always'}</td>
              <td>{rule.actions.map((a) => String(a.type)).join(', ')}</td>
              <td>{rule.version}</td>
              <td>{rule.enabled ? 'on' : 'off'}{manager && <> <button type="button" className="secondary small"
                    onClick={() => toggle(rule)}>{rule.enabled ? 'Switch off' : 'Switch on'}</button></>}</td>
            </tr>))}
        </tbody>
      </table>
      {manager && (
        <>
          <h2>Try a rule on history, then save it</h2>
          <label>Rule (JSON, as <code>POST /api/rules</code> takes it)
            <textarea rows={12} value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} />
          </label>
          <label>Days of history to try it on
            <input type="number" min={1} max={366} value={days} onChange={(e) => setDays(Number(e.target.value))} />
          </label>
          <div className="buttons">
            <button type="button" aria-busy={busy} disabled={busy} onClick={tryIt}>Try on history</button>
            <button type="button" className="secondary" disabled={busy} onClick={save}>Save as a new rule</button>
          </div>
          {result && (
            <section aria-labelledby="dry-run-title">
              <h3 id="dry-run-title">It would have run {result.firings} times on {result.ticketsTouched} tickets</h3>
              <p><small>{result.eventsRead} events of {result.ticketsSeen} tickets read in {result.millis} ms;
                nothing was written.</small></p>
              <table>
                <thead><tr><th>When</th><th>Ticket</th><th>On</th><th>Would have done</th></tr></thead>
                <tbody>
                  {result.listed.slice(0, 50).map((f, i) => (
                    <tr key={i}>
                      <td>{when(f.at)}</td>
                      <td><a href={'#/tickets/' + encodeURIComponent(f.ticketId)}>{f.ticketId.slice(0, 8)}</a></td>
                      <td>{f.trigger}</td>
                      <td>{f.refused ? 'refused: ' + f.refused : f.actions.join('; ')}</td>
                    </tr>))}
                </tbody>
              </table>
            </section>)}
        </>)}
    </section>
  );
}
