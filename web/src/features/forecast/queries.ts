// TanStack Query hooks of the load forecast page: the targets of a level, and a target's forecast.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ForecastLevel } from '@hearth/contracts/forecast';
import { request } from '../../shared/api/client.ts';

export function useForecastTargets(level: ForecastLevel) {
  return useQuery({
    queryKey: ['forecast', 'targets', level],
    queryFn: ({ signal }) => request('GET /forecast/targets', { query: { level }, signal }),
    staleTime: 60_000,
  });
}

/** The forecast of a target (none picked: disabled); the server computes it once per city day. */
export function useLoadForecast(level: ForecastLevel, id: number | undefined, days: number) {
  const enabled = level === 'city' || id !== undefined;
  return useQuery({
    queryKey: ['forecast', 'load', level, id ?? null, days],
    enabled,
    queryFn: ({ signal }) =>
      request('GET /forecast/load', {
        query: { level, days, ...(level === 'city' ? {} : { id }) },
        signal,
      }),
    placeholderData: keepPreviousData,
    staleTime: 300_000,
  });
}
