// Current cold-wave warnings 寒潮预警: the daily forecast (a port the weather module fills) classified by the
// configured level table, from today (city day) on.
import type { DropBasis, WarningsResponse } from '@hearth/contracts/raise-orders';
import { utcOffsetMs } from '../../lib/time-zone.ts';
import { classifyDays, warningsFrom, type ForecastDay, type LevelRule } from './cold-wave.rules.ts';

export type ColdWaveDeps = {
  /** port: the daily forecast (the day before today included, for its 24 h drop) */
  dailyForecast: () => Promise<ForecastDay[]>;
  levels: readonly LevelRule[];
  dropBasis: DropBasis;
  timeZone: string;
  now?: () => number;
};

export function createColdWaveService(deps: ColdWaveDeps) {
  const now = deps.now ?? Date.now;
  return {
    async warnings(): Promise<WarningsResponse> {
      const at = now();
      const today = new Date(at + utcOffsetMs(deps.timeZone, at)).toISOString().slice(0, 10);
      const days = classifyDays(await deps.dailyForecast(), deps.levels, deps.dropBasis);
      return {
        generatedAt: new Date(at).toISOString(),
        dropBasis: deps.dropBasis,
        levels: deps.levels.map((l) => ({ level: l.level, conditions: [...l.conditions] })),
        days: days.filter((d) => d.date >= today),
        warnings: warningsFrom(days, today),
      };
    },
  };
}
export type ColdWaveService = ReturnType<typeof createColdWaveService>;
