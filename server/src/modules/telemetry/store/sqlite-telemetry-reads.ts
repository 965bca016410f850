// The SQLite engine's reads: raw readings, rollup series, bucket counts and flat points.
import type { DatabaseSync } from 'node:sqlite';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { KIND_CODE } from '../reading-batch.ts';
import type { RollupLevel, RollupRow, StoredReading, TargetKind } from '../telemetry.store.ts';
import { bucketCountsSql, flatPointsSql, rawSql, seriesSql } from './telemetry-store.schema.ts';
import { arrays, type ArrayStatement } from './sqlite-telemetry-sql.ts';

export function createSqliteReads(db: DatabaseSync) {
  const rawRead = arrays(
    db,
    rawSql(() => '?'),
  );
  /** statements prepared on first use, by name */
  const statements = new Map<string, ArrayStatement>();
  const cached = (name: string, sql: () => string) => {
    let stmt = statements.get(name);
    if (!stmt) statements.set(name, (stmt = arrays(db, sql())));
    return stmt;
  };

  return {
    raw(kind: TargetKind, targetId: number, fromMs: number, toMs: number, limit: number): StoredReading[] {
      const code = KIND_CODE[kind];
      return rawRead.all(fromMs, toMs, code, targetId, limit).map((row) => ({
        kind,
        targetId,
        deviceId: Number(row[1]),
        ts: Number(row[0]),
        receivedAt: Number(row[2]),
        values: row.slice(3).map((v) => (v === null ? null : Number(v))),
      }));
    },

    series(
      level: RollupLevel,
      kind: TargetKind,
      targetId: number,
      metric: MetricKey,
      fromMs: number,
      toMs: number,
    ): RollupRow[] {
      const stmt = cached(`series:${level}:${metric}`, () => seriesSql(level, metric, () => '?'));
      return stmt.all(KIND_CODE[kind], targetId, fromMs, toMs).map((row): RollupRow => ({
        bucket: Number(row[0]),
        min: Number(row[1]),
        max: Number(row[2]),
        mean: Number(row[3]) / Number(row[4]),
        count: Number(row[4]),
      }));
    },

    bucketCounts(level: RollupLevel, kind: TargetKind, fromMs: number, toMs: number): Map<number, number> {
      const stmt = cached(`counts:${level}`, () => bucketCountsSql(level, () => '?'));
      const rows = stmt.all(KIND_CODE[kind], fromMs, toMs);
      return new Map(rows.map((row) => [Number(row[0]), Number(row[1])]));
    },

    flatPoints(kind: TargetKind, fromMs: number, toMs: number, minReadings: number): Map<number, number> {
      const stmt = cached('flat', () => flatPointsSql((i) => `?${i}`));
      const rows = stmt.all(KIND_CODE[kind], fromMs, toMs, minReadings);
      return new Map(rows.map((row) => [Number(row[0]), Number(row[1])]));
    },
  };
}
