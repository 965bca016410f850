// 报警中心's server state: the alarm list and summary (refetched by the live stream, or polled), one alarm with
// its timeline, acknowledge/close, the pickers' enterprises and stations, and the webhook deliveries.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { alarmQuery, type AlarmFilters, type AlarmSort } from './alarmFormat.ts';

export type AlarmListState = AlarmFilters & { page: number; pageSize: number; sort: AlarmSort };

export function useAlarms(list: AlarmListState, refetchInterval: number | false) {
  const { page, pageSize, sort, ...filters } = list;
  return useQuery({
    queryKey: ['alarms', 'list', list],
    queryFn: ({ signal }) =>
      request('GET /alarms', { query: { ...alarmQuery(filters), page, pageSize, sort }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useAlarmSummary(refetchInterval: number | false) {
  return useQuery({
    queryKey: ['alarms', 'summary'],
    queryFn: ({ signal }) => request('GET /alarms/summary', { signal }),
    refetchInterval,
  });
}

export function useAlarmDetail(id: number | null) {
  return useQuery({
    queryKey: ['alarms', 'detail', id],
    queryFn: ({ signal }) => request('GET /alarms/:id', { params: { id: id ?? 0 }, signal }),
    enabled: id !== null,
    // the closing drawer keeps showing the alarm it had
    placeholderData: keepPreviousData,
  });
}

export type AlarmAction = 'acknowledge' | 'close';

export function useAlarmAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: number; action: AlarmAction; note: string }) =>
      action === 'acknowledge'
        ? request('POST /alarms/:id/acknowledge', { params: { id }, body: note ? { note } : {} })
        : request('POST /alarms/:id/close', { params: { id }, body: { note } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alarms'] }),
  });
}

export function useEnterpriseOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['alarms', 'enterprise-options'],
    queryFn: ({ signal }) => request('GET /enterprises', { query: { pageSize: 500 }, signal }),
    enabled,
    staleTime: 300_000,
  });
}

export function useStationOptions(q: string) {
  return useQuery({
    queryKey: ['alarms', 'station-options', q],
    queryFn: ({ signal }) =>
      request('GET /:resource', { params: { resource: 'stations' }, query: { pageSize: 20, q }, signal }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useWebhookDeliveries(query: { page: number; pageSize: number; status?: string | undefined }) {
  return useQuery({
    queryKey: ['webhooks', 'deliveries', query],
    queryFn: ({ signal }) => request('GET /webhooks/deliveries', { query, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request('POST /webhooks/deliveries/:id/retry', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}
