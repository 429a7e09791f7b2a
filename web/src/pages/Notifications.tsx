import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { command, query, queryPost } from '../api';
import { relative } from '../format';
import { useLive } from '../live';
import type { Notification } from '../types';

interface Feed {
  unread: number;
  items: Notification[];
  nextBefore: number | null;
}

const TEXT: Record<string, string> = {
  MENTION: 'mentioned you', HANDOFF: 'asks you to take over a ticket',
  REPLY_FAILED: 'reply not delivered', REPLY_CANCELLED: 'scheduled reply cancelled', CHANNEL_MESSAGE: 'wrote in a channel',
};

/** The bell: mentions, handoff requests (accepted or declined from here) and replies that did not arrive. */
export function Notifications() {
  const [feed, setFeed] = useState<Feed>({ unread: 0, items: [], nextBefore: null });
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setFeed(await query<Feed>('/api/notifications?limit=30'));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useLive(['notification'], () => void load());

  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setError(null);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="bell">
      <button type="button" className="secondary outline small" aria-expanded={open} aria-controls="notifications"
              onClick={() => setOpen(!open)} aria-label={'Notifications, ' + feed.unread + ' unread'}>
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>{' '}
        <span data-testid="unread">{feed.unread}</span>
      </button>
      {open && (
        <div id="notifications" className="dropdown-panel" role="region" aria-label="Notifications">
          {error && <p role="alert" className="error">{error}</p>}
          <button type="button" className="secondary small" onClick={() => void act(() => queryPost('/api/notifications/read-all'))}>
            Mark all read</button>
          <ul>
            {feed.items.length === 0 && <li>Nothing new.</li>}
            {feed.items.map((n) => (
              <li key={n.id} className={n.read ? 'read' : 'unread'} data-kind={n.kind}>
                <strong>{n.actor ?? 'system'}</strong> {TEXT[n.kind] ?? n.kind.toLowerCase()} {relative(n.at)}
                {n.excerpt && <div><small>{n.excerpt}</small></div>}
                <div className="buttons">
                  {n.ticketId && <Link to={'/tickets/' + n.ticketId} onClick={() => setOpen(false)}>Open ticket</Link>}
                  {n.kind === 'HANDOFF' && n.handoffId && (
                    <>
                      <button type="button" className="small" onClick={() => void act(() =>
                        command('POST', `/api/handoffs/${n.handoffId}/accept`, {}))}>Accept</button>
                      <button type="button" className="secondary small" onClick={() => void act(() =>
                        command('POST', `/api/handoffs/${n.handoffId}/decline`, { reason: 'declined from the dashboard' }))}>
                        Decline</button>
                    </>
                  )}
                  {!n.read && (
                    <button type="button" className="secondary outline small" onClick={() => void act(() =>
                      queryPost(`/api/notifications/${n.id}/read`))}>Mark read</button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
