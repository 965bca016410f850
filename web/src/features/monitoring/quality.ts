// Data quality 数据质量 and indoor sampling 室温采样 (/api/telemetry/quality, /sampling): query hooks, totals,
// worst-first ordering and percentage formatting.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DataQualityResponse, SamplingResponse, SamplingSort } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';

export type QualityRow = DataQualityResponse['items'][number];
export type SamplingRow = SamplingResponse['enterprises'][number];

export function useDataQuality() {
  return useQuery({
    queryKey: ['telemetry', 'quality'],
    queryFn: ({ signal }) => request('GET /telemetry/quality', { signal }),
    refetchInterval: 60_000,
  });
}

export type SamplingParams = {
  page: number;
  pageSize: number;
  q?: string;
  sort?: SamplingSort;
  enterpriseId?: number;
  district?: string;
  flagged?: boolean;
};

/**
 * One page of the community sampling table, filtered and sorted on the server; its `summary` and `enterprises`
 * cover every matching community. Without parameters: the unfiltered totals (for the tiles), one row long.
 */
export function useSampling(params: SamplingParams = { page: 1, pageSize: 1 }) {
  return useQuery({
    queryKey: ['telemetry', 'sampling', params],
    queryFn: ({ signal }) => request('GET /telemetry/sampling', { query: params, signal }),
    placeholderData: keepPreviousData,
    // sensors and households change only when devices or the registry change
    refetchInterval: 5 * 60_000,
  });
}

/** 0.0312 → "3.12%" (at most `digits` decimals). */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return `${(share * 100).toLocaleString('zh-CN', { maximumFractionDigits: digits })}%`;
}

/** Bar colour of a coverage / completeness share: green from 95 %, orange from 80 %, red below. */
export function shareColor(share: number): string {
  if (share >= 0.95) return '#52c41a';
  if (share >= 0.8) return '#fa8c16';
  return '#f5222d';
}

export type QualityTotals = {
  stations: number;
  /** reporting stations ÷ stations, over every enterprise */
  coverage: number;
  /** completeness averaged over the stations (each enterprise weighted by its stations) */
  completeness: number;
  staleSensors: number;
  stuckSensors: number;
};

export function qualityTotals(items: readonly QualityRow[]): QualityTotals {
  let stations = 0;
  let reporting = 0;
  let complete = 0;
  let staleSensors = 0;
  let stuckSensors = 0;
  for (const q of items) {
    stations += q.stations;
    reporting += q.online + q.stale;
    complete += q.completeness * q.stations;
    staleSensors += q.staleSensors;
    stuckSensors += q.stuckSensors;
  }
  return {
    stations,
    coverage: stations > 0 ? reporting / stations : 0,
    completeness: stations > 0 ? complete / stations : 0,
    staleSensors,
    stuckSensors,
  };
}

/** Worst first: lowest coverage, then lowest completeness, then most stale + stuck points. */
export function byQualityWorstFirst(a: QualityRow, b: QualityRow): number {
  return (
    a.coverage - b.coverage ||
    a.completeness - b.completeness ||
    b.staleSensors + b.stuckSensors - (a.staleSensors + a.stuckSensors) ||
    a.enterpriseId - b.enterpriseId
  );
}
