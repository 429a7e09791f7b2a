import { currentSession } from './auth';

/** An answer that was not 2xx, told in words a person understands. */
export class ApiError extends Error {
  constructor(public status: number, message: string, public problem: Problem = {}) {
    super(message);
  }
}

export interface Problem {
  title?: string;
  detail?: string;
  rule?: string;
  errors?: { field?: string; message?: string }[];
  /** A stale-version refusal: the events the sender had not seen. */
  unseen?: { sequence: number; type: string; user: string | null; at: string }[];
}

let commandBase = '';
/** The newest event position a command of this user answered: queries wait until their read model has it. */
let lastPosition = 0;

export function setCommandBase(url: string) {
  commandBase = url.replace(/\/+$/, '');
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const session = currentSession();
  return { ...(session ? { Authorization: 'Bearer ' + session.token } : {}), ...extra };
}

async function failure(answer: Response): Promise<ApiError> {
  let message = answer.status === 401 ? 'Your session has ended: sign in again.'
    : answer.status === 403 ? 'You are not allowed to do this.'
    : answer.status >= 500 ? 'The server could not do this right now; try again.' : 'The request was refused.';
  let problem: Problem = {};
  try {
    problem = (await answer.json()) as Problem;
    const fields = (problem.errors ?? []).map((e) => (e.field ? e.field + ': ' : '') + (e.message ?? '')).join('; ');
    const detail = problem.detail ?? problem.title;
    if (detail || fields) message = [detail, fields].filter(Boolean).join(' — ');
  } catch {
    // not a problem document: the status says it
  }
  return new ApiError(answer.status, message, problem);
}

function remember(answer: Response) {
  const position = Number(answer.headers.get('X-Event-Position'));
  if (Number.isFinite(position) && position > lastPosition) lastPosition = position;
}

/**
 * A command to command-app; its effect is visible to the next query at once (X-Min-Position). With
 * {@code version}, it is refused (409, rule stale-version) when the ticket changed since that version.
 */
export async function command<T = unknown>(method: string, path: string, body?: unknown,
                                           version?: number): Promise<T> {
  const extra: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (version !== undefined) extra['If-Match'] = '"' + version + '"';
  const answer = await fetch(commandBase + path, {
    method,
    headers: headers(extra),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) throw await failure(answer);
  remember(answer);
  const text = await answer.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface FileRef {
  sha256: string;
  name: string;
  size: number;
  contentType: string;
}

/** Uploads files to command-app; answers their references, to send with a reply or a note. */
export async function upload(files: File[]): Promise<FileRef[]> {
  if (files.length === 0) return [];
  const form = new FormData();
  files.forEach((file) => form.append('file', file, file.name));
  const answer = await fetch(commandBase + '/api/attachments', { method: 'POST', headers: headers(), body: form });
  if (!answer.ok) throw await failure(answer);
  return (await answer.json()) as FileRef[];
}

/** A query to query-app (this origin), waiting for the user's own last command. */
export async function query<T>(path: string): Promise<T> {
  const answer = await fetch(path, {
    headers: headers(lastPosition > 0 ? { 'X-Min-Position': String(lastPosition) } : {}),
  });
  if (!answer.ok) throw await failure(answer);
  return (await answer.json()) as T;
}

/** A change to per-user state kept by query-app (read markers), or an admin action there. */
export async function queryPost<T = unknown>(path: string, body?: unknown): Promise<T> {
  const answer = await fetch(path, {
    method: 'POST',
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!answer.ok) throw await failure(answer);
  const text = await answer.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Takes the user's presence signal off a ticket, also while the page is closing. */
export function leave(path: string): void {
  void fetch(path, { method: 'DELETE', headers: headers(), keepalive: true }).catch(() => undefined);
}

/** Saves what an authenticated GET answers as a file: from query-app (CSV, audit export) or command-app (files). */
export async function download(url: string, name: string, from: 'queries' | 'commands' = 'queries'): Promise<void> {
  const answer = await fetch((from === 'commands' ? commandBase : '') + url, { headers: headers() });
  if (!answer.ok) throw await failure(answer);
  const blob = await answer.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * The server's change stream (GET /api/stream): calls back with each topic and id that changed. A lost
 * connection is reported and opened again, with the current token, after a growing pause.
 */
export function live(onChange: (topic: string, id: string) => void, onState: (state: LiveState) => void): () => void {
  let source: EventSource | null = null;
  let closed = false;
  let retry: number | undefined;
  let wait = 1000;
  const open = () => {
    const session = currentSession();
    if (closed || !session) return;
    onState(source ? 'reconnecting' : 'connecting');
    source = new EventSource('/api/stream?topics=ticket,notification,channel,presence&access_token='
                             + encodeURIComponent(session.token));
    source.onopen = () => {
      wait = 1000;
      onState('live');
    };
    for (const topic of ['ticket', 'notification', 'channel', 'presence']) {
      source.addEventListener(topic, (event) => onChange(topic, (event as MessageEvent<string>).data));
    }
    source.onerror = () => {
      onState('reconnecting');
      source?.close();
      retry = window.setTimeout(open, wait);
      wait = Math.min(wait * 2, 15_000);
    };
  };
  open();
  return () => {
    closed = true;
    window.clearTimeout(retry);
    source?.close();
  };
}
