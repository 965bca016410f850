// The live overview query: GET /api/overview/live, polled every 15 s while the page is open.
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';

export const LIVE_REFRESH_MS = 15_000;

export function useLiveOverview() {
  return useQuery({
    queryKey: ['overview', 'live'],
    queryFn: ({ signal }) => request('GET /overview/live', { signal }),
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: true,
    staleTime: 5_000,
  });
}
