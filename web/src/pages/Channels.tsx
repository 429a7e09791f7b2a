import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { command, query, queryPost } from '../api';
import { relative } from '../format';
import { useLive } from '../live';

interface ChannelSummary {
  channelId: string;
  type: string;
  name: string | null;
  topic: string | null;
  archived: boolean;
  unread: number;
}

interface Message {
  position: number;
  messageId: string;
  author: string;
  body: string;
  threadRootId: string | null;
  ticketId: string | null;
  postedAt: string;
  editedAt: string | null;
  deleted: boolean;
  replies: number;
}

/** Staff channels: unread counts, messages, threads, posting. */
export function Channels() {
  const [channels, setChannels] = useState<ChannelSummary[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [thread, setThread] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const loadChannels = useCallback(async () => {
    try {
      setChannels(await query<ChannelSummary[]>('/api/channels'));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  const loadMessages = useCallback(async () => {
    if (!current) return;
    try {
      const page = await query<{ items: Message[] }>(`/api/channels/${current}/messages`
        + (thread ? '?threadRootId=' + thread : ''));
      setMessages(page.items);
      if (page.items.length > 0) {
        await queryPost(`/api/channels/${current}/read`).catch(() => undefined);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  }, [current, thread]);
  useEffect(() => void loadChannels(), [loadChannels]);
  useEffect(() => void loadMessages(), [loadMessages]);
  useLive(['channel'], () => {
    void loadChannels();
    void loadMessages();
  });

  const post = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await command('POST', `/api/channels/${current}/messages`, { body, threadRootId: thread ?? undefined });
      setBody('');
      await loadMessages();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await command('POST', '/api/channels', { type: 'PUBLIC', name, members: [] });
      setName('');
      await loadChannels();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="channels-title">
      <h1 id="channels-title">Channels</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="grid channels">
        <nav aria-label="Channels">
          <ul>
            {channels.map((c) => (
              <li key={c.channelId}>
                <button type="button" className={c.channelId === current ? '' : 'secondary outline'}
                        onClick={() => { setCurrent(c.channelId); setThread(null); }}>
                  {c.type === 'DIRECT' ? 'direct' : '#' + (c.name ?? c.channelId.slice(0, 8))}
                  {c.unread > 0 && <span className="badge new">{c.unread}</span>}
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={(e) => void create(e)}>
            <input aria-label="New channel name" placeholder="new channel" value={name}
                   onChange={(e) => setName(e.target.value)} required />
          </form>
        </nav>
        <div>
          {current ? (
            <>
              {thread && <button type="button" className="secondary small" onClick={() => setThread(null)}>Back to the channel</button>}
              <ol className="messages">
                {messages.map((m) => (
                  <li key={m.messageId}>
                    <strong>{m.author}</strong> <small>{relative(m.postedAt)}</small>
                    <p>{m.deleted ? <em>deleted</em> : m.body}</p>
                    {!thread && (
                      <button type="button" className="link" onClick={() => setThread(m.messageId)}>
                        {m.replies > 0 ? m.replies + ' replies' : 'Reply in thread'}</button>
                    )}
                  </li>
                ))}
              </ol>
              <form onSubmit={(e) => void post(e)}>
                <label>{thread ? 'Reply in the thread' : 'Message'}
                  <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} required />
                </label>
                <button type="submit">Post</button>
              </form>
            </>
          ) : <p>Choose a channel.</p>}
        </div>
      </div>
    </section>
  );
}
