// Pure rules of the city overview: totals, clean-heating share (area served by clean sources ÷ heated
// area), paid share, and the per-energy-type breakdown in the catalogue's order.
import type { Overview } from '@hearth/contracts/stats';
import {
  CLEAN_HEAT_SOURCE_TYPES,
  HEAT_SOURCE_TYPE_LABELS,
  HEAT_SOURCE_TYPES,
  type HeatSourceType,
} from '@hearth/contracts/registry';
import type { Counts, ServedSums, SourceSums } from './overview.repository.ts';

const isClean = (t: string | null) => t !== null && CLEAN_HEAT_SOURCE_TYPES.includes(t as HeatSourceType);

export function summariseOverview(counts: Counts, sources: SourceSums[], served: ServedSums[]): Overview {
  const sum = (rows: ServedSums[], key: 'area' | 'households' | 'paid' | 'vulnerable') =>
    rows.reduce((s, r) => s + r[key], 0);
  const area = sum(served, 'area');
  const households = sum(served, 'households');
  const cleanArea = sum(
    served.filter((r) => isClean(r.type)),
    'area',
  );
  return {
    ...counts,
    households,
    heatedAreaM2: area,
    cleanHeatingShare: area > 0 ? cleanArea / area : 0,
    paidShare: households > 0 ? sum(served, 'paid') / households : 0,
    vulnerableHouseholds: sum(served, 'vulnerable'),
    capacityMw: sources.reduce((s, r) => s + r.capacityMw, 0),
    byEnergyType: HEAT_SOURCE_TYPES.flatMap((type) => {
      const source = sources.find((r) => r.type === type);
      const feeds = served.find((r) => r.type === type);
      if (!source && !feeds) return [];
      return [
        {
          type,
          label: HEAT_SOURCE_TYPE_LABELS[type],
          heatSources: source?.heatSources ?? 0,
          capacityMw: source?.capacityMw ?? 0,
          heatedAreaM2: feeds?.area ?? 0,
          households: feeds?.households ?? 0,
        },
      ];
    }),
  };
}

/** [minLon, minLat, maxLon, maxLat] of the points, or null when there are none. */
export function boundingBox(
  points: readonly (readonly [number, number])[],
): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    minLat = Math.min(minLat, lat);
    maxLon = Math.max(maxLon, lon);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}
