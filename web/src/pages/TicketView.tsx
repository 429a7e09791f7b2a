import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, command, download, leave, query, queryPost, upload } from '../api';
import { currentSession, hasRole } from '../auth';
import { bytes, relative, when } from '../format';
import { useLive } from '../live';
import type { FieldDefinition, InboxRow, SlaClock, TicketDetail, TimelineEntry } from '../types';
import { markSeen, SlaBadge } from './Inbox';
import { applyMacro, listMacros, type MacroView } from '../macros';

/** A command refused because the ticket changed: what was tried, and what the agent had not seen. */
interface Stale {
  what: string;
  run: (version?: number) => Promise<unknown>;
  unseen: { type: string; user: string | null }[];
}

/** One ticket: its conversation and everything that happened to it, and what an agent does with it. */
export function TicketView() {
  const { id = '' } = useParams();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [clocks, setClocks] = useState<SlaClock[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [people, setPeople] = useState<string[]>([]);
  const [present, setPresent] = useState<{ user: string; activity: string }[]>([]);
  const typing = useRef(0);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const staff = hasRole('AGENT', 'MANAGER', 'ADMIN');
  const [chosen, setChosen] = useState<string[]>([]);
  const navigate = useNavigate();

  const load = useCallback(async () => {
    try {
      const [detail, sla] = await Promise.all([
        query<TicketDetail>('/api/tickets/' + encodeURIComponent(id)),
        query<SlaClock[]>('/api/sla/tickets/' + encodeURIComponent(id)).catch(() => [] as SlaClock[]),
      ]);
      setTicket(detail);
      setClocks(sla);
      markSeen(id, detail.lastActivityAt);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  useLive(['ticket'], (changed) => {
    if (changed === id) void load();
  });
  // Presence: renewed every 5 s while the ticket is open (typing while a box was written in within 5 s), taken
  // back on leaving; others' changes come over the event stream.
  const presencePath = '/api/tickets/' + encodeURIComponent(id) + '/presence';
  const signal = useCallback(() => {
    const activity = Date.now() - typing.current < 5000 ? 'TYPING' : 'VIEWING';
    void queryPost<{ user: string; activity: string }[]>(presencePath, { activity }).then(setPresent)
      .catch(() => undefined);
  }, [presencePath]);
  useEffect(() => {
    if (!staff) return undefined;
    signal();
    const timer = window.setInterval(signal, 5000);
    const bye = () => leave(presencePath);
    window.addEventListener('pagehide', bye);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', bye);
      bye();
    };
  }, [signal, presencePath, staff]);
  useLive(['presence'], (changed) => {
    if (changed === id) void query<{ user: string; activity: string }[]>(presencePath).then(setPresent).catch(() => undefined);
  });
  const onTyping = () => {
    const wasTyping = Date.now() - typing.current < 5000;
    typing.current = Date.now();
    if (!wasTyping) signal();
  };

  useEffect(() => {
    // Whom a note can mention: everyone assigned to a ticket or acting on this one.
    void query<{ items: InboxRow[] }>('/api/inbox?view=all&limit=200').then((page) => {
      const names = new Set<string>();
      page.items.forEach((row) => row.assignee && names.add(row.assignee));
      setPeople([...names].sort());
    }).catch(() => undefined);
  }, []);

  /**
   * Runs a command; its answer's position makes the reload show it at once. Commands carry the version this view
   * shows: when someone else changed the ticket meanwhile, the refusal lists what changed, and the agent may
   * look again or go ahead anyway.
   */
  const act = async (what: string, run: (version?: number) => Promise<unknown>) => {
    setNotice(null);
    setStale(null);
    try {
      await run(ticket?.version);
      setError(null);
      setNotice(what);
      await load();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.problem.rule === 'stale-version') {
        setStale({ what, run, unseen: e.problem.unseen ?? [] });
        await load();
      } else {
        setError(what + ' failed: ' + (e as Error).message);
      }
      return false;
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea, select') || !staff) return;
      if (event.key === 'r') {
        event.preventDefault();
        replyRef.current?.focus();
      } else if (event.key === 'n') {
        event.preventDefault();
        noteRef.current?.focus();
      } else if (event.key === 'a') {
        void act('Assigned to you', () => command('POST', `/api/tickets/${id}/assignment`,
                                                    { assignee: currentSession()!.user }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!ticket) {
    return error ? <p role="alert" className="error">{error}</p> : <p aria-busy="true">Loading the ticket…</p>;
  }
  const actors = new Set(people);
  ticket.timeline.forEach((e) => e.actor && !['customer', 'sla', 'system', 'delivery'].includes(e.actor) && actors.add(e.actor));
  const draft = activeDraft(ticket.timeline);
  const csat = [...ticket.timeline].reverse().find((e) => e.kind === 'CSAT');
  const path = (rest: string) => `/api/tickets/${encodeURIComponent(id)}${rest}`;

  return (
    <section aria-labelledby="ticket-title" className="ticket">
      <header>
        <h1 id="ticket-title">{ticket.subject}</h1>
        <p>
          <span className={'badge ' + ticket.priority}>{ticket.priority}</span>{' '}
          <span className="badge" data-testid="status">{ticket.status}</span>{' '}
          <span className="badge">{ticket.channel}</span>{' '}
          <span data-testid="assignee">{ticket.assignee ? 'Assigned to ' + ticket.assignee : 'Unassigned'}</span>
          {ticket.team && ' (' + ticket.team + ')'} · <SlaBadge due={ticket.slaDueAt} />
          {ticket.tags.length > 0 && <> · tags: {ticket.tags.join(', ')}</>}
          {ticket.category && <> · category: {ticket.category}</>}
          {csat && <> · CSAT {csat.detail}</>}
        </p>
        {ticket.links.length > 0 && (
          <p data-testid="links">{ticket.links.map((link, i) => (
            <span key={link.ticketId}>{i > 0 && ', '}{LINK[link.kind] ?? link.kind}{' '}
              <a href={'#/tickets/' + encodeURIComponent(link.ticketId)}>{link.ticketId.slice(0, 8)}</a></span>))}
          </p>)}
        <p className="presence" aria-live="polite" data-testid="presence">
          {present.filter((p) => p.user !== currentSession()?.user)
            .map((p) => p.user + (p.activity === 'TYPING' ? ' is typing…' : ' is viewing')).join(', ')}
        </p>
      </header>
      <div aria-live="polite">
        {error && <p role="alert" className="error">{error}</p>}
        {notice && <p className="notice">{notice}.</p>}
        {stale && (
          <div role="alert" className="stale">
            <p><strong>{stale.what} was not done:</strong> the ticket changed since you opened it —{' '}
              {stale.unseen.map((u) => u.type + (u.user ? ' by ' + u.user : '')).join(', ')}. The view now shows it.</p>
            <button type="button" className="small" onClick={() => {
              const retry = stale;
              setStale(null);
              void act(retry.what, () => retry.run(undefined));
            }}>Do it anyway</button>{' '}
            <button type="button" className="secondary small" onClick={() => setStale(null)}>Leave it</button>
          </div>
        )}
      </div>
      <div className="grid ticket-grid">
        <div>
          <h2>Conversation</h2>
          <ol className="timeline" aria-label="Timeline">
            {ticket.timeline.map((entry, i) => (
              <Entry key={i} entry={entry} ticketId={id} onError={setError}
                     chosen={entry.eventId !== null && chosen.includes(entry.eventId)}
                     onChoose={staff && splittable(entry) && ticket.status !== 'CLOSED'
                       ? (on) => setChosen((was) => on ? [...was, entry.eventId!] : was.filter((e) => e !== entry.eventId))
                       : undefined}
                     onCancel={staff && pendingSchedule(entry, ticket.timeline)
                       ? () => void act('Scheduled reply cancelled', () => command('DELETE',
                           path('/scheduled-replies/' + encodeURIComponent(pendingSchedule(entry, ticket.timeline)!))))
                       : undefined} />))}
          </ol>
          {staff && chosen.length > 0 && (
            <p>
              <button type="button" className="small" onClick={() => void (async () => {
                try {
                  const split = await command<{ ticketId: string }>('POST', path('/split'), { eventIds: chosen });
                  setChosen([]);
                  navigate('/tickets/' + encodeURIComponent(split.ticketId));
                } catch (e) {
                  setError('Split failed: ' + (e as Error).message);
                }
              })()}>Split {chosen.length} chosen {chosen.length === 1 ? 'message' : 'messages'} into a new ticket</button>{' '}
              <button type="button" className="secondary small" onClick={() => setChosen([])}>Clear the choice</button>
            </p>
          )}
          {staff && (
            <>
              <Composer label="Reply to the customer" name="reply" area={replyRef} people={[]} onTyping={onTyping}
                        initial={draft ?? undefined}
                        onSend={(body, refs) => act('Reply sent', (v) => command('POST', path('/replies'),
                                                                                  { body, attachments: refs }, v))} />
              {draft !== null && <DraftPanel draft={draft} act={act} path={path} />}
              <Composer label="Internal note (@name mentions a colleague)" name="note" area={noteRef} onTyping={onTyping}
                        people={[...actors]}
                        onSend={(body, refs) => act('Note added', (v) => command('POST', path('/notes'),
                                                                                  { body, attachments: refs }, v))} />
            </>
          )}
        </div>
        <aside>
          {staff && <Actions ticket={ticket} act={act} path={path} />}
          <h2>SLA clocks</h2>
          {clocks.length === 0 ? <p>No clocks.</p> : (
            <ul className="clocks">
              {clocks.map((c) => (
                <li key={c.target + c.cycle}>
                  <strong>{c.target.replace(/_/g, ' ').toLowerCase()}</strong>: {c.state}
                  {c.dueAt && !c.stoppedAt && <> — due {relative(c.dueAt)}</>}
                  {c.paused && ' (paused)'}{c.outcome && ' — ' + c.outcome}
                </li>
              ))}
            </ul>
          )}
          {staff && <FieldsPanel ticket={ticket} act={act} path={path} />}
          <h2>Customer</h2>
          <p>{ticket.customerName ?? ''} &lt;{ticket.customerEmail}&gt;
            {ticket.contactId && staff && <> · <a href={'#/contacts/' + encodeURIComponent(ticket.contactId)}>contact</a></>}</p>
          {ticket.customer && (
            <p><small>Shop: {ticket.customer.status}{ticket.customer.name ? ', ' + ticket.customer.name : ''}
              {ticket.customer.recentOrders.length > 0 && ', ' + ticket.customer.recentOrders.length + ' recent orders'}</small></p>
          )}
        </aside>
      </div>
    </section>
  );
}

/** The ticket's custom fields, each set as its type wants it (select options by their labels). */
function FieldsPanel({ ticket, act, path }: {
  ticket: TicketDetail; act: (what: string, run: (version?: number) => Promise<unknown>) => Promise<boolean>;
  path: (rest: string) => string;
}) {
  const [fields, setFields] = useState<FieldDefinition[]>([]);
  useEffect(() => {
    void command<FieldDefinition[]>('GET', '/api/fields')
      .then((all) => setFields(all.filter((f) => f.entity === 'TICKET'))).catch(() => undefined);
  }, []);
  if (fields.length === 0) return null;
  const set = (key: string, value: unknown) => void act('Field set', () => command('PUT', path('/fields'), { [key]: value }));
  const values = ticket.fields ?? {};
  return (
    <section aria-labelledby="fields-title">
      <h2 id="fields-title">Fields</h2>
      {fields.map((f) => {
        const value = values[f.key];
        const id = 'field-' + f.key;
        if (f.type === 'CHECKBOX') {
          return (
            <label key={f.key} htmlFor={id}>
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(f.key, e.target.checked)} />{' '}
              {f.label}
            </label>);
        }
        if (f.type === 'SELECT') {
          return (
            <label key={f.key} htmlFor={id}>{f.label}
              <select id={id} value={typeof value === 'string' ? value : ''}
                      onChange={(e) => set(f.key, e.target.value === '' ? null : e.target.value)}>
                <option value="">—</option>
                {f.options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
              </select>
            </label>);
        }
        if (f.type === 'MULTI_SELECT') {
          const chosen = Array.isArray(value) ? (value as string[]) : [];
          return (
            <fieldset key={f.key}>
              <legend>{f.label}</legend>
              {f.options.map((o) => (
                <label key={o.id}>
                  <input type="checkbox" checked={chosen.includes(o.id)} onChange={(e) => set(f.key,
                    e.target.checked ? [...chosen, o.id] : chosen.filter((c) => c !== o.id))} /> {o.label}
                </label>))}
            </fieldset>);
        }
        return (
          <form key={f.key + String(value)} onSubmit={(e) => {
            e.preventDefault();
            const text = new FormData(e.currentTarget).get('value') as string;
            set(f.key, text === '' ? null : f.type === 'NUMBER' ? Number(text) : text);
          }}>
            <label htmlFor={id}>{f.label}</label>
            <input id={id} name="value" type={f.type === 'NUMBER' ? 'number' : f.type === 'DATE' ? 'date' : 'text'}
                   step="any" defaultValue={value == null ? '' : String(value)} />
            <button type="submit" className="secondary small">Save {f.label}</button>
          </form>);
      })}
    </section>
  );
}

/** The bot's draft: edited here (the edit is kept on the ticket), sent as the reply, or discarded. */
function DraftPanel({ draft, act, path }: {
  draft: string; act: (what: string, run: (version?: number) => Promise<unknown>) => Promise<boolean>;
  path: (rest: string) => string;
}) {
  const [text, setText] = useState(draft);
  useEffect(() => setText(draft), [draft]);
  return (
    <section className="draft" aria-label="Bot draft">
      <label htmlFor="draft-body"><strong>The bot's draft</strong></label>
      <textarea id="draft-body" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="buttons">
        <button type="button" className="small" onClick={() => void (async () => {
          if (text !== draft && !(await act('Draft edited', () => command('PUT', path('/draft'), { body: text })))) return;
          await act('Draft sent', () => command('POST', path('/draft/send')));
        })()}>Send the draft</button>
        <button type="button" className="secondary small" disabled={text === draft}
                onClick={() => void act('Draft edited', () => command('PUT', path('/draft'), { body: text }))}>
          Save the edit</button>
        <button type="button" className="secondary small"
                onClick={() => void act('Draft discarded', () => command('DELETE', path('/draft')))}>Discard the draft</button>
      </div>
    </section>
  );
}

/** The bot's draft still waiting: the newest proposed or edited draft after the newest reply. */
function activeDraft(timeline: TimelineEntry[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const kind = timeline[i].kind;
    if (kind === 'AGENT_REPLY' || kind === 'DRAFT_DISCARDED') return null;
    if (kind === 'DRAFT_PROPOSED' || kind === 'DRAFT_EDITED') return timeline[i].detail;
  }
  return null;
}

/** The links an agent makes by hand. */
const LINKABLE: Record<string, string> = {
  RELATED: 'related to', DUPLICATE_OF: 'duplicate of', HAS_DUPLICATE: 'has duplicate', CAUSED_BY: 'caused by',
  CAUSES: 'causes',
};

/** Every link a ticket shows: by hand, and from merges and splits. */
const LINK: Record<string, string> = {
  ...LINKABLE, MERGED_INTO: 'merged into', MERGED_FROM: 'merged from', SPLIT_TO: 'split into',
  SPLIT_FROM: 'split from',
};

const KIND: Record<string, string> = {
  OPENED: 'opened the ticket', CUSTOMER_MESSAGE: 'wrote', AGENT_REPLY: 'replied', NOTE: 'noted (internal)',
  ASSIGNED: 'assigned', UNASSIGNED: 'unassigned', PRIORITY: 'changed the priority', ESCALATED: 'escalated',
  PENDING: 'set pending', ON_HOLD: 'put on hold', OPEN: 'reopened work', RESOLVED: 'resolved', REOPENED: 'reopened',
  CLOSED: 'closed', CSAT: 'rated', DRAFT_PROPOSED: 'proposed a draft', DRAFT_EDITED: 'edited the draft', DRAFT_DISCARDED: 'discarded the draft',
  SLA_BREACHED: 'SLA breached', REPLY_SENT: 'reply sent', REPLY_DELIVERED: 'reply delivered', REPLY_READ: 'reply read',
  REPLY_FAILED: 'reply not delivered', HANDOFF_REQUESTED: 'requested a handoff', HANDOFF_ACCEPTED: 'accepted the handoff',
  HANDOFF_DECLINED: 'declined the handoff', HANDOFF_CANCELLED: 'cancelled the handoff', HANDOFF_EXPIRED: 'handoff expired',
  HANDOFF_COMPLETED: 'completed the handoff', RULE_FIRED: 'rule ran', TIMER_ELAPSED: 'timer elapsed',
  ALERT: 'raised an alert', SNOOZED: 'snoozed', UNSNOOZED: 'back from snooze', REPLY_SCHEDULED: 'scheduled a reply',
  SCHEDULED_REPLY_CANCELLED: 'scheduled reply cancelled', SPAM: 'marked as spam',
  LINKED: 'linked', UNLINKED: 'unlinked', MERGED_INTO: 'merged this ticket into', MERGED_FROM: 'merged in',
  UNMERGED: 'unmerged this ticket from', MERGE_UNDONE: 'took back the messages of', SPLIT_TO: 'split messages into',
  SPLIT_FROM: 'split this ticket from',
};

/**
 * The schedule id of a reply scheduled for later that is still to be sent (its time ahead, not cancelled), or
 * null. The timeline line says "for <time> (<scheduleId>):" and a cancellation "<scheduleId>: <reason>".
 */
function pendingSchedule(entry: TimelineEntry, timeline: TimelineEntry[]): string | null {
  if (entry.kind !== 'REPLY_SCHEDULED' || !entry.detail) return null;
  const found = /^for (\S+) \(([^)]+)\):/.exec(entry.detail);
  if (!found || new Date(found[1]).getTime() <= Date.now()) return null;
  const cancelled = timeline.some((e) => e.kind === 'SCHEDULED_REPLY_CANCELLED' && e.detail?.startsWith(found[2] + ':'));
  return cancelled ? null : found[2];
}

/** A message line of the ticket's own (not merged in) can be moved into a new ticket. */
function splittable(entry: TimelineEntry): boolean {
  return ['CUSTOMER_MESSAGE', 'AGENT_REPLY', 'NOTE'].includes(entry.kind) && entry.eventId !== null
    && entry.fromTicket === null;
}

function Entry({ entry, ticketId, onError, onCancel, chosen, onChoose }: {
  entry: TimelineEntry; ticketId: string; onError: (m: string) => void; onCancel?: () => void;
  chosen?: boolean; onChoose?: (chosen: boolean) => void;
}) {
  const message = ['OPENED', 'CUSTOMER_MESSAGE', 'AGENT_REPLY', 'NOTE'].includes(entry.kind);
  return (
    <li className={'entry ' + entry.kind.toLowerCase()} data-kind={entry.kind} data-from={entry.fromTicket ?? undefined}>
      <p className="meta">
        {onChoose && <input type="checkbox" aria-label={'Choose this message for a split: ' + (entry.detail ?? '').slice(0, 40)}
                            checked={chosen ?? false} onChange={(e) => onChoose(e.target.checked)} />}{' '}
        <strong>{entry.actor ?? 'system'}</strong> {KIND[entry.kind] ?? entry.kind.toLowerCase()}{' '}
        <time dateTime={entry.at} title={when(entry.at)}>{relative(entry.at)}</time>
        {entry.fromTicket && <> <small>from <a href={'#/tickets/' + encodeURIComponent(entry.fromTicket)}>
          {entry.fromTicket.slice(0, 8)}</a></small></>}
        {entry.delivery && <> <span className={'badge delivery ' + entry.delivery}>{entry.delivery.toLowerCase()}</span></>}
      </p>
      {entry.detail && (message ? <blockquote>{entry.detail}</blockquote> : <p className="detail">{entry.detail}</p>)}
      {onCancel && <button type="button" className="secondary small" onClick={onCancel}>Cancel this reply</button>}
      {entry.attachments.length > 0 && (
        <ul className="files" aria-label="Attachments">
          {entry.attachments.map((file) => (
            <li key={file.sha256}>
              <button type="button" className="link" onClick={() => void download(
                `/api/tickets/${encodeURIComponent(ticketId)}/attachments/${file.sha256}`, file.name, 'commands')
                .catch((e: Error) => onError(e.message))}>{file.name}</button> <small>{bytes(file.size)}</small>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** A text box with files, and @mention suggestions where people are given. */
function Composer({ label, name, area, people, initial, onSend, onTyping }: {
  label: string; name: string; area: React.RefObject<HTMLTextAreaElement | null>; people: string[];
  initial?: string; onSend: (body: string, files: unknown[]) => Promise<boolean>; onTyping: () => void;
}) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const mentionAt = (text: string, caret: number) => /@([\w.-]*)$/.exec(text.slice(0, caret));
  const onChange = (text: string, caret: number) => {
    setBody(text);
    onTyping();
    const match = mentionAt(text, caret);
    setSuggestions(match && people.length > 0
      ? people.filter((p) => p.toLowerCase().startsWith(match[1].toLowerCase())).slice(0, 6) : []);
    setActive(0);
  };
  const choose = (person: string) => {
    const el = area.current!;
    const caret = el.selectionStart;
    const match = mentionAt(body, caret)!;
    const text = body.slice(0, caret - match[1].length) + person + ' ' + body.slice(caret);
    setBody(text);
    setSuggestions([]);
    window.setTimeout(() => {
      el.focus();
      const at = caret - match[1].length + person.length + 1;
      el.setSelectionRange(at, at);
    });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const refs = await upload(files);
      if (await onSend(body, refs)) {
        setBody('');
        setFiles([]);
        if (fileInput.current) fileInput.current.value = '';
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const listId = name + '-mentions';
  return (
    <form className="composer" onSubmit={(e) => void submit(e)} aria-label={label}>
      <label htmlFor={name + '-body'}>{label}</label>
      <textarea id={name + '-body'} name={name} ref={area} rows={3} value={body}
                placeholder={initial ? 'Write a reply, or send the bot draft below' : ''}
                role={people.length > 0 ? 'combobox' : undefined}
                aria-expanded={people.length > 0 ? suggestions.length > 0 : undefined}
                aria-controls={people.length > 0 ? listId : undefined}
                aria-autocomplete={people.length > 0 ? 'list' : undefined}
                onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
                onKeyDown={(e) => {
                  if (suggestions.length === 0) return;
                  if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % suggestions.length); }
                  else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a + suggestions.length - 1) % suggestions.length); }
                  else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(suggestions[active]); }
                  else if (e.key === 'Escape') setSuggestions([]);
                }} />
      {people.length > 0 && (
        <ul id={listId} role="listbox" className="mentions" hidden={suggestions.length === 0} aria-label="People">
          {suggestions.map((person, i) => (
            <li key={person} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); choose(person); }}>
              @{person}</li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="error">The files could not be uploaded: {error}</p>}
      <div className="composer-bar">
        <label className="file">Files
          <input ref={fileInput} type="file" multiple name={name + '-files'}
                 onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
        </label>
        <button type="submit" aria-busy={busy} disabled={busy || !body.trim()}>
          {name === 'reply' ? 'Send reply' : 'Add note'}</button>
      </div>
    </form>
  );
}

/** What a datetime-local input shows for now plus {@code ahead} milliseconds, in the browser's time zone. */
function localInput(ahead: number): string {
  const at = new Date(Date.now() + ahead);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

interface Routed { ticketId: string; team: string; assignee: string | null }

function Actions({ ticket, act, path }: {
  ticket: TicketDetail; act: (what: string, run: (version?: number) => Promise<unknown>) => Promise<boolean>;
  path: (rest: string) => string;
}) {
  const me = currentSession()!.user;
  const [macros, setMacros] = useState<MacroView[]>([]);
  const [macro, setMacro] = useState('');
  useEffect(() => {
    listMacros().then((found) => {
      setMacros(found);
      if (found.length > 0) setMacro(found[0].macroId);
    }).catch(() => undefined);
  }, []);
  const [assignee, setAssignee] = useState('');
  const [team, setTeam] = useState('');
  const [reason, setReason] = useState('');
  const [handoffTo, setHandoffTo] = useState('');
  const [handoffReason, setHandoffReason] = useState('');
  const [tag, setTag] = useState('');
  const [category, setCategory] = useState(ticket.category ?? '');
  const [level, setLevel] = useState('1');
  const [targetTeam, setTargetTeam] = useState('');
  const [routeTeam, setRouteTeam] = useState(ticket.team ?? '');
  const [routeSkills, setRouteSkills] = useState('');
  const [routedTo, setRoutedTo] = useState<string | null>(null);
  const [spamSender, setSpamSender] = useState<string | null>(null);
  const [linkTo, setLinkTo] = useState('');
  const [linkKind, setLinkKind] = useState('RELATED');
  const [mergeInto, setMergeInto] = useState('');
  const [snoozeUntil, setSnoozeUntil] = useState(localInput(60 * 60 * 1000));
  const [laterBody, setLaterBody] = useState('');
  const [laterAt, setLaterAt] = useState(localInput(24 * 60 * 60 * 1000));
  const status = (verb: string, label: string, field = 'reason') => (
    <button type="button" className="secondary small" onClick={() => void act(label, (v) =>
      command('POST', path('/' + verb), { [field]: reason || label }, v))}>{label}</button>
  );
  const Group = ({ title, children }: { title: string; children: ReactNode }) => (
    <details open><summary>{title}</summary>{children}</details>
  );
  return (
    <section className="actions" aria-label="Ticket actions">
      <h2>Actions</h2>
      <button type="button" onClick={() => void act('Assigned to you', () => command('POST', path('/assignment'), { assignee: me }))}>
        Assign to me</button>
      {macros.length > 0 && (
        <form className="macro" onSubmit={(e) => {
          e.preventDefault();
          void act('Macro applied', async () => {
            const applied = await applyMacro(macro, [ticket.ticketId]);
            if (!applied.results[0]?.applied) throw new Error(applied.results[0]?.problem ?? 'refused');
          });
        }}>
          <select aria-label="Macro" value={macro} onChange={(e) => setMacro(e.target.value)}>
            {macros.map((m) => <option key={m.macroId} value={m.macroId}>{m.name} (v{m.version})</option>)}
          </select>
          <button type="submit" className="small">Apply macro</button>
        </form>
      )}
      {Group({ title: 'Assign', children: (
        <form onSubmit={(e) => { e.preventDefault(); void act('Assigned', () => command('POST', path('/assignment'),
                                                     { assignee, team: team || undefined })); }}>
          <input aria-label="Assignee" placeholder="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} required />
          <input aria-label="Team" placeholder="team (optional)" value={team} onChange={(e) => setTeam(e.target.value)} />
          <button type="submit" className="small">Assign</button>{' '}
          <button type="button" className="secondary small" onClick={() => void act('Unassigned', () => command('DELETE', path('/assignment')))}>
            Unassign</button>
        </form>) })}
      {Group({ title: 'Link to a ticket', children: (
        <form onSubmit={(e) => {
          e.preventDefault();
          void act('Linked', () => command('POST', path('/links'), { ticketId: linkTo.trim(), kind: linkKind }))
            .then((done) => { if (done) setLinkTo(''); });
        }}>
          <input aria-label="Ticket to link" placeholder="ticket id" value={linkTo} onChange={(e) => setLinkTo(e.target.value)} required />
          <select aria-label="Link kind" value={linkKind} onChange={(e) => setLinkKind(e.target.value)}>
            {Object.entries(LINKABLE).map(([kind, label]) => <option key={kind} value={kind}>{label}</option>)}
          </select>
          <button type="submit" className="small">Link</button>
        </form>) })}
      {Group({ title: 'Merge', children: ticket.links.some((l) => l.kind === 'MERGED_INTO') ? (
        <button type="button" className="secondary small" onClick={() => void act('Unmerged', () =>
          command('POST', path('/unmerge')))}>Unmerge this ticket</button>
      ) : (
        <form onSubmit={(e) => {
          e.preventDefault();
          void act('Merged', () => command('POST', path('/merge'), { into: mergeInto.trim() }))
            .then((done) => { if (done) setMergeInto(''); });
        }}>
          <input aria-label="Merge into ticket" placeholder="ticket id" value={mergeInto}
                 onChange={(e) => setMergeInto(e.target.value)} required />
          <button type="submit" className="small">Merge into it</button>
          <p><small>This ticket closes; its messages show on the other one, and the customer's next messages go
            there.</small></p>
        </form>) })}
      {Group({ title: 'Route to a team', children: (
        <form onSubmit={(e) => {
          e.preventDefault();
          void act('Routed', async () => {
            const routed = await command<Routed>('POST', path('/route'), {
              team: routeTeam, skills: routeSkills.split(',').map((s) => s.trim()).filter(Boolean) });
            if (routed?.assignee) setRoutedTo(routed.assignee);
          });
        }}>
          <input aria-label="Route to team" placeholder="team" value={routeTeam} onChange={(e) => setRouteTeam(e.target.value)} required />
          <input aria-label="Skills needed" placeholder="skills (comma-separated)" value={routeSkills}
                 onChange={(e) => setRouteSkills(e.target.value)} />
          <button type="submit" className="small">Route</button>
          {routedTo && <small> given to {routedTo}</small>}
        </form>) })}
      {Group({ title: ticket.snoozed ? 'Snoozed' : 'Snooze', children: (
        <form onSubmit={(e) => {
          e.preventDefault();
          void act('Snoozed', () => command('PUT', path('/snooze'), { until: new Date(snoozeUntil).toISOString() }));
        }}>
          {ticket.snoozed && <p><small>Snoozed {ticket.snoozedUntil ? 'until ' + when(ticket.snoozedUntil)
                                                                    : 'until the customer writes'}</small></p>}
          <input type="datetime-local" aria-label="Snooze until" value={snoozeUntil}
                 onChange={(e) => setSnoozeUntil(e.target.value)} required />
          <div className="buttons">
            <button type="submit" className="small">Snooze until then</button>
            <button type="button" className="secondary small"
                    onClick={() => void act('Snoozed', () => command('PUT', path('/snooze'), {}))}>
              Until the customer writes</button>
            {ticket.snoozed && <button type="button" className="secondary small"
                                       onClick={() => void act('Back from snooze', () => command('DELETE', path('/snooze')))}>
              Wake now</button>}
          </div>
        </form>) })}
      {Group({ title: 'Send a reply later', children: (
        <form onSubmit={(e) => {
          e.preventDefault();
          void act('Reply scheduled', () => command('POST', path('/scheduled-replies'),
                                                    { body: laterBody, at: new Date(laterAt).toISOString() }))
            .then((done) => { if (done) setLaterBody(''); });
        }}>
          <textarea aria-label="Scheduled reply" placeholder="the reply" value={laterBody}
                    onChange={(e) => setLaterBody(e.target.value)} required />
          <input type="datetime-local" aria-label="Send at" value={laterAt} onChange={(e) => setLaterAt(e.target.value)} required />
          <button type="submit" className="small">Schedule reply</button>
          <p><small>Not sent if the customer writes first: you are notified.</small></p>
        </form>) })}
      {Group({ title: 'Status', children: (
        <>
          <input aria-label="Reason or resolution" placeholder="reason / resolution" value={reason}
                 onChange={(e) => setReason(e.target.value)} />
          <div className="buttons">
            {status('resolve', 'Resolve', 'resolution')}{status('pending', 'Pending')}{status('on-hold', 'On hold')}
            {status('open', 'Back to open')}{status('reopen', 'Reopen')}
            <button type="button" className="secondary small" onClick={() => void act('Closed', () => command('POST', path('/close')))}>
              Close</button>
            <button type="button" className="secondary small" onClick={() => void act('Closed as spam', async () => {
              const spam = await command<{ ticketId: string; sender: string }>('POST', path('/spam'));
              setSpamSender(spam.sender);
            })}>Spam</button>
            {spamSender && hasRole('ADMIN') && (
              <button type="button" className="secondary small" onClick={() => void act('Sender blocked', () =>
                command('POST', '/api/admin/blocked-senders', { sender: spamSender, reason: 'spam' }))}>
                Block {spamSender}</button>)}
          </div>
        </>) })}
      {Group({ title: 'Priority, tags, category', children: (
        <>
          <select aria-label="Priority" value={ticket.priority} onChange={(e) => void act('Priority changed', (v) =>
            command('PUT', path('/priority'), { priority: e.target.value, reason: reason || 'changed by ' + me }, v))}>
            {['P0', 'P1', 'P2', 'P3'].map((p) => <option key={p}>{p}</option>)}
          </select>
          <form onSubmit={(e) => { e.preventDefault(); void act('Tagged', () => command('POST', path('/tags'), { tags: [tag] })); setTag(''); }}>
            <input aria-label="Tag" placeholder="add a tag" value={tag} onChange={(e) => setTag(e.target.value)} required />
          </form>
          <form onSubmit={(e) => { e.preventDefault(); void act('Category set', () => command('PUT', path('/category'), { category })); }}>
            <input aria-label="Category" placeholder="category" value={category} onChange={(e) => setCategory(e.target.value)} required />
          </form>
        </>) })}
      {Group({ title: 'Escalate', children: (
        <form onSubmit={(e) => { e.preventDefault(); void act('Escalated', () => command('POST', path('/escalations'),
                                                     { level: Number(level), targetTeam, reason: reason || 'escalated' })); }}>
          <select aria-label="Escalation level" value={level} onChange={(e) => setLevel(e.target.value)}>
            {['1', '2', '3'].map((l) => <option key={l}>{l}</option>)}
          </select>
          <input aria-label="Escalate to team" placeholder="team" value={targetTeam} onChange={(e) => setTargetTeam(e.target.value)} required />
          <button type="submit" className="small">Escalate</button>
        </form>) })}
      {Group({ title: 'Hand off', children: (
        <form onSubmit={(e) => {
          e.preventDefault();
          const toTeam = handoffTo.startsWith('team:') ? handoffTo.slice(5) : undefined;
          void act('Handoff requested', () => command('POST', '/api/handoffs', {
            ticketId: ticket.ticketId, requesterKind: 'AGENT', toAgent: toTeam ? undefined : handoffTo,
            toTeam, reason: handoffReason }));
        }}>
          <input name="handoff-to" aria-label="Hand off to (a user, or team:name)" placeholder="user or team:name"
                 value={handoffTo} onChange={(e) => setHandoffTo(e.target.value)} required />
          <input name="handoff-reason" aria-label="Why" placeholder="why" value={handoffReason}
                 onChange={(e) => setHandoffReason(e.target.value)} required />
          <button type="submit" className="small">Request handoff</button>
        </form>) })}
      <p><small>Opened {when(ticket.openedAt)}</small></p>
    </section>
  );
}
