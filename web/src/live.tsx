import { createContext, useContext, useEffect, useRef } from 'react';
import type { LiveState } from './api';

type Listener = (topic: string, id: string) => void;

/** What changed on the server, for every screen that shows it. */
export interface Live {
  state: LiveState;
  subscribe: (listener: Listener) => () => void;
}

export const LiveContext = createContext<Live>({ state: 'connecting', subscribe: () => () => undefined });

/** Calls back when something of one of the topics changed; a burst of changes within 100 ms calls back once. */
export function useLive(topics: string[], onChange: (id: string) => void) {
  const live = useContext(LiveContext);
  const callback = useRef(onChange);
  callback.current = onChange;
  const key = topics.join(',');
  useEffect(() => {
    let timer: number | undefined;
    let last = '';
    const unsubscribe = live.subscribe((topic, id) => {
      if (!key.split(',').includes(topic)) return;
      last = id;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(last), 100);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [live, key]);
}
