// TanStack Query hooks of the 气象 page: settings, hourly series, daily means, degree days, the outdoor temperature
// now, the heating-period verdict and the decision records; the mutations invalidate the whole `weather` key.
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Averaging } from '@hearth/contracts/weather';
import { request } from '../../shared/api/client.ts';

const KEY = ['weather'] as const;

export function useWeatherSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => request('GET /weather/settings', { signal }),
    staleTime: 300_000,
  });
}

export function useHourly(from: string, to: string) {
  return useQuery({
    queryKey: [...KEY, 'hourly', from, to],
    queryFn: ({ signal }) => request('GET /weather/hourly', { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDaily(from: string, to: string, averaging: Averaging) {
  return useQuery({
    queryKey: [...KEY, 'daily', from, to, averaging],
    queryFn: ({ signal }) => request('GET /weather/daily', { query: { from, to, averaging }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDegreeDays(from: string, to: string, averaging: Averaging, base: number | undefined) {
  return useQuery({
    queryKey: [...KEY, 'degree-days', from, to, averaging, base],
    queryFn: ({ signal }) =>
      request('GET /weather/degree-days', { query: { from, to, averaging, base }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOutdoorNow() {
  return useQuery({
    queryKey: [...KEY, 'now'],
    queryFn: ({ signal }) => request('GET /weather/now', { signal }),
    refetchInterval: 300_000,
  });
}

export function useVerdict(averaging: Averaging) {
  return useQuery({
    queryKey: [...KEY, 'verdict', averaging],
    queryFn: ({ signal }) => request('GET /weather/heating-period', { query: { averaging }, signal }),
  });
}

export function useDecisions() {
  return useQuery({
    queryKey: [...KEY, 'decisions'],
    queryFn: ({ signal }) => request('GET /weather/decisions', { signal }),
  });
}

export const invalidateWeather = (client: QueryClient) => client.invalidateQueries({ queryKey: KEY });
