// New alarms without a reload: the server's alarm stream (SSE `/api/alarms/stream`, event `alarm`) refreshes the
// alarm queries and sounds for new critical alarms; while the stream is not open — or when polling is chosen
// (localStorage `hearth.alarms.live` = `poll`) — the lists poll instead.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AlarmLiveEvent } from '@hearth/contracts/alarms';
import { streamUrl } from '../../shared/api/client.ts';
import { useToken } from '../../shared/session.ts';
import { soundsFor } from './alarmFormat.ts';
import { beepIfOn } from './alarmSound.ts';

export type AlarmLiveState = 'connecting' | 'open' | 'down' | 'polling';

const LIVE_KEY = 'hearth.alarms.live';
/** how often the lists refetch while the stream is not open, ms */
export const POLL_MS = 15_000;

/** `sse` (default) or `poll`: the stream can be switched off for a browser that cannot keep it open. */
export const liveMode = (): 'sse' | 'poll' => (localStorage.getItem(LIVE_KEY) === 'poll' ? 'poll' : 'sse');

/**
 * Keeps the alarm stream open while mounted; every event refreshes the `alarms` queries and, for a new critical
 * alarm, sounds (if on). `onEvent` hears each event (the page highlights the alarm). Returns the state.
 */
export function useAlarmLive(onEvent?: (e: AlarmLiveEvent) => void): AlarmLiveState {
  const qc = useQueryClient();
  const token = useToken();
  const [state, setState] = useState<AlarmLiveState>(liveMode() === 'poll' ? 'polling' : 'connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (token === null || liveMode() === 'poll') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let lost = false;
    const connect = () => {
      const es = new EventSource(streamUrl('/alarms/stream'));
      source = es;
      es.onopen = () => {
        failures = 0;
        setState('open');
        // events missed while down: read the lists again
        if (lost) void qc.invalidateQueries({ queryKey: ['alarms'] });
        lost = false;
      };
      es.addEventListener('alarm', (e: MessageEvent<string>) => {
        let parsed: ReturnType<typeof AlarmLiveEvent.safeParse>;
        try {
          parsed = AlarmLiveEvent.safeParse(JSON.parse(e.data));
        } catch {
          return;
        }
        if (!parsed.success) return;
        void qc.invalidateQueries({ queryKey: ['alarms'] });
        if (soundsFor(parsed.data)) beepIfOn();
        handler.current?.(parsed.data);
      });
      es.onerror = () => {
        lost = true;
        if (es.readyState !== EventSource.CLOSED) {
          setState('connecting');
          return;
        }
        // refused or unreachable: the browser will not retry, so we do, backing off (the lists poll meanwhile)
        es.close();
        source = null;
        setState('down');
        retry = setTimeout(connect, Math.min(30_000, 2_000 * 2 ** failures++));
      };
    };
    connect();
    return () => {
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [qc, token]);
  return state;
}

/** The lists' refetch interval for a stream state: none while the stream is open. */
export const pollInterval = (state: AlarmLiveState): number | false => (state === 'open' ? false : POLL_MS);
