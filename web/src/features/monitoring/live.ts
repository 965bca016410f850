// One shared EventSource on /api/monitoring/stream while any component needs it: connection state as a store,
// its own reconnect when the browser gives up, and every `stations` event merged into the query caches.
import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { MonitoredStation } from '@hearth/contracts/telemetry';
import { streamUrl } from '../../shared/api/client.ts';
import { useToken } from '../../shared/session.ts';
import { mergeLiveRows, refreshMonitoring } from './queries.ts';

export type LiveState = 'connecting' | 'open' | 'down';

const Rows = z.array(MonitoredStation);
const listeners = new Set<() => void>();
let state: LiveState = 'connecting';
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
let users = 0;
let failures = 0;
let lost = false;

function setState(next: LiveState): void {
  if (next === state) return;
  state = next;
  for (const l of listeners) l();
}

function connect(qc: QueryClient): void {
  const es = new EventSource(streamUrl('/monitoring/stream'));
  source = es;
  setState('connecting');
  es.onopen = () => {
    failures = 0;
    setState('open');
    if (lost) void refreshMonitoring(qc);
    lost = false;
  };
  es.addEventListener('stations', (e: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    const rows = Rows.safeParse(data);
    if (rows.success) mergeLiveRows(qc, rows.data);
  });
  es.onerror = () => {
    lost = true;
    if (es.readyState !== EventSource.CLOSED) {
      setState('connecting'); // the browser retries by itself (the server asks for 3 s)
      return;
    }
    // refused (e.g. 401) or unreachable on connect: the browser will not retry, so we do, backing off
    es.close();
    source = null;
    setState('down');
    const delay = Math.min(30_000, 2_000 * 2 ** failures++);
    retry = setTimeout(() => {
      retry = null;
      if (users > 0) connect(qc);
    }, delay);
  };
}

function acquire(qc: QueryClient): void {
  if (users++ === 0) {
    failures = 0;
    connect(qc);
  }
}

function release(): void {
  if (--users > 0) return;
  if (retry) clearTimeout(retry);
  retry = null;
  source?.close();
  source = null;
  lost = false;
  setState('connecting');
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Keeps the live stream open while mounted (and signed in); returns its connection state. */
export function useLiveStations(): LiveState {
  const qc = useQueryClient();
  const token = useToken();
  useEffect(() => {
    if (token === null) return;
    acquire(qc);
    return release;
  }, [qc, token]);
  return useSyncExternalStore(subscribe, () => state);
}
