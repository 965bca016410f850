// The one interface of telemetry storage; SQLite (prepared statements) and PostgreSQL (COPY) implement it.
import type { MetricKey, MetricTarget } from '@hearth/contracts/telemetry';
import type { ReadingBatch, StoredReading } from './reading-batch.ts';

export type TargetKind = MetricTarget;

/** A reading as stored (declared beside its packed form). */
export type { StoredReading };

export type PointValue = { value: number; ts: number };
export type LatestRecord = { ts: number; points: Partial<Record<MetricKey, PointValue>> };

export type RollupLevel = '15m' | '1h' | '1d';
/** epoch ms, [fromMs, toMs) */
export type TimeRange = { fromMs: number; toMs: number };

export type StoreOptions = {
  /** the city's fixed UTC offset in ms (Asia/Shanghai: +8 h): day rollups run midnight to midnight city time */
  dayOffsetMs?: number;
  /**
   * Told, after the commit, which stations' latest values this process has just written where every process
   * reads them (PostgreSQL: its periodic flush of telemetry_latest), so the other processes can refresh their
   * live views. Stores of one process (SQLite) never call it.
   */
  onLatestWritten?: (stationIds: number[]) => void;
};
export const ROLLUP_MS: Record<RollupLevel, number> = { '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };
/** bucket = start of the period, epoch ms; `mean` = sum / count over the raw values in it */
export type RollupRow = { bucket: number; min: number; max: number; mean: number; count: number };

export type TelemetryStore = {
  /**
   * One transaction: stores the rows not stored before (idempotent on kind + target + device + ts), merges
   * the latest value of every point, marks the touched rollup buckets dirty. Resolves after the commit,
   * with 1 per newly stored row and 0 per duplicate, in input order. The batch's buffer may be transferred
   * to another thread: the caller must not use it afterwards.
   */
  insertBatch(batch: ReadingBatch): Promise<Uint8Array>;
  /** latest value per point for the given targets (all targets of the kind when omitted) */
  latest(kind: TargetKind, targetIds?: readonly number[]): Promise<Map<number, LatestRecord>>;
  /** raw readings of one target in [fromMs, toMs), oldest first */
  raw(
    kind: TargetKind,
    targetId: number,
    fromMs: number,
    toMs: number,
    limit: number,
  ): Promise<StoredReading[]>;
  /** one metric of one target at a rollup level, buckets in [fromMs, toMs), oldest first */
  series(
    level: RollupLevel,
    kind: TargetKind,
    targetId: number,
    metric: MetricKey,
    fromMs: number,
    toMs: number,
  ): Promise<RollupRow[]>;
  /** per target: how many buckets of the level in [fromMs, toMs) hold at least one reading (data completeness) */
  bucketCounts(
    level: RollupLevel,
    kind: TargetKind,
    fromMs: number,
    toMs: number,
  ): Promise<Map<number, number>>;
  /**
   * Per target: analog points whose value stayed exactly the same (and non-zero) through at least `minReadings`
   * readings in [fromMs, toMs) — stuck sensors. From the 15-minute rollup: refresh it for the range first.
   */
  flatPoints(
    kind: TargetKind,
    fromMs: number,
    toMs: number,
    minReadings: number,
  ): Promise<Map<number, number>>;
  /**
   * Recomputes the dirty buckets (15 min from raw, hour from 15 min, day from hour) — all of them, or only
   * those overlapping [fromMs, toMs) — and returns how many.
   */
  refreshRollups(range?: TimeRange): Promise<number>;
  /** retention: deletes raw readings with ts < beforeMs (rollups are kept); returns the count */
  purgeRaw(beforeMs: number): Promise<number>;
  /**
   * After a bulk load (the seeded history): SQLite copies its write-ahead log into the file and truncates it (a
   * writer that never pauses keeps the log growing: gigabytes at Tianjin scale); PostgreSQL refreshes the
   * planner's statistics of the telemetry tables.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
};
