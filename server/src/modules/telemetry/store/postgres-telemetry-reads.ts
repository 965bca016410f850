// The PostgreSQL store's reads: latest values (the table's, with this process's unflushed values added), raw
// readings, rollup series, bucket counts and flat points.
import type pg from 'pg';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { KIND_CODE } from '../reading-batch.ts';
import type { LatestRecord, RollupLevel, RollupRow, StoredReading, TargetKind } from '../telemetry.store.ts';
import {
  LATEST,
  LATEST_COLUMNS,
  bucketCountsSql,
  emptyLatest,
  flatPointsSql,
  latestFromRow,
  latestKey,
  rawSql,
  seriesSql,
  toLatestRecord,
} from './telemetry-store.schema.ts';
import { P, type Rows } from './postgres-telemetry-sql.ts';
import type { PgLatest } from './postgres-telemetry-latest.ts';

const countsByTarget = (rows: Rows) =>
  new Map((rows as [number, number | string][]).map(([id, n]) => [Number(id), Number(n)]));

export function createPgReads(pool: pg.Pool, pending: PgLatest) {
  return {
    async latest(kind: TargetKind, targetIds?: readonly number[]): Promise<Map<number, LatestRecord>> {
      const code = KIND_CODE[kind];
      const result = await pool.query({
        text:
          `SELECT ${LATEST_COLUMNS.join(', ')} FROM ${LATEST} WHERE kind = $1` +
          (targetIds ? ' AND target_id = ANY($2::int4[])' : ''),
        values: targetIds ? [code, [...targetIds]] : [code],
        rowMode: 'array',
      });
      const out = new Map<number, LatestRecord>();
      const seen = new Set<number>();
      for (const row of result.rows as Rows) {
        const id = Number(row[1]);
        const state = latestFromRow(row);
        pending.overlay(latestKey(code, id), state);
        out.set(id, toLatestRecord(state));
        seen.add(id);
      }
      // targets with values not flushed yet
      const ids = targetIds ?? [...pending.pendingKeys()].map((key) => key - code * 4_294_967_296);
      for (const id of ids) {
        if (seen.has(id) || id < 0 || id >= 4_294_967_296) continue;
        const state = emptyLatest();
        if (pending.overlay(latestKey(code, id), state)) out.set(id, toLatestRecord(state));
      }
      return out;
    },

    async raw(kind: TargetKind, targetId: number, fromMs: number, toMs: number, limit: number) {
      const result = await pool.query({
        text: rawSql(P),
        values: [fromMs, toMs, KIND_CODE[kind], targetId, limit],
        rowMode: 'array',
      });
      return (result.rows as Rows).map((row): StoredReading => ({
        kind,
        targetId,
        deviceId: row[1] as number,
        ts: row[0] as number,
        receivedAt: row[2] as number,
        values: row.slice(3) as (number | null)[],
      }));
    },

    async series(
      level: RollupLevel,
      kind: TargetKind,
      targetId: number,
      metric: MetricKey,
      fromMs: number,
      toMs: number,
    ) {
      const result = await pool.query({
        text: seriesSql(level, metric, P),
        values: [KIND_CODE[kind], targetId, fromMs, toMs],
        rowMode: 'array',
      });
      return (result.rows as [number, number, number, number, number][]).map(
        ([bucket, min, max, sum, count]): RollupRow => ({ bucket, min, max, mean: sum / count, count }),
      );
    },

    async bucketCounts(level: RollupLevel, kind: TargetKind, fromMs: number, toMs: number) {
      const result = await pool.query({
        text: bucketCountsSql(level, P),
        values: [KIND_CODE[kind], fromMs, toMs],
        rowMode: 'array',
      });
      return countsByTarget(result.rows as Rows);
    },

    async flatPoints(kind: TargetKind, fromMs: number, toMs: number, minReadings: number) {
      const result = await pool.query({
        text: flatPointsSql((i) => (i === 4 ? `$${i}::int8` : `$${i}`)),
        values: [KIND_CODE[kind], fromMs, toMs, minReadings],
        rowMode: 'array',
      });
      return countsByTarget(result.rows as Rows);
    },
  };
}
