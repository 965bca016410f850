// The evaluation engine: rules pre-indexed per target, evaluated in memory on the batches the telemetry writer
// commits (packed rows read through reading-batch.ts), one hold state per (rule, target); the database is written
// only on a transition (raise / clear). Offline is judged by a periodic scan over the latest states.
import type { ReadingBatch } from '../telemetry/reading-batch.ts';
import { KIND_CODE, rowKind, rowTarget, rowTs } from '../telemetry/reading-batch.ts';
import type { AlarmLifecycle, AlarmTarget } from './alarm-lifecycle.ts';
import {
  newHoldState,
  offlineCondition,
  rulesInForce,
  step,
  type EngineRule,
  type HoldState,
} from './alarm.rules.ts';
import { compileCheck, type Check, type CompensationTarget, type Verdict } from './alarm-checks.ts';
import { offlineMessage } from './alarm-messages.ts';

type TargetKindCode = 'station' | 'household';
type Entry = { info: AlarmTarget; checks: Check[]; offline: Check | null; version: number };
type Transition = {
  entry: Entry;
  check: Check;
  kind: 'raise' | 'clear';
  at: number;
  verdict: Verdict;
  message: string;
};

export type AlarmEngineDeps = {
  lifecycle: AlarmLifecycle;
  loadRules: () => Promise<EngineRule[]>;
  /** open alarms that are raised or acknowledged, as `ruleId:kind:targetId` */
  loadActive: () => Promise<string[]>;
  /** names, station and enterprise of targets (unknown ids left out) */
  resolveTargets: (kind: TargetKindCode, ids: readonly number[]) => Promise<Map<number, AlarmTarget>>;
  compensation: CompensationTarget;
  /** newest reading time of every station that ever reported (offline scan) */
  latestStationTimes: () => Promise<Map<number, number>>;
  onError?: (error: unknown) => void;
};

const holdKey = (ruleId: number, kind: string, id: number) => `${ruleId}:${kind}:${id}`;

export function createAlarmEngine(deps: AlarmEngineDeps) {
  let rules: EngineRule[] = [];
  let version = 0;
  /** hold states survive rule reloads (keyed by rule and target) */
  const holds = new Map<string, HoldState>();
  const entries: Record<TargetKindCode, Map<number, Entry>> = { station: new Map(), household: new Map() };
  const queue: { batch: ReadingBatch; stored: Uint8Array }[] = [];
  let draining: Promise<void> | null = null;
  let started: Promise<void> | null = null;

  function holdFor(ruleId: number, kind: string, id: number): HoldState {
    const key = holdKey(ruleId, kind, id);
    let h = holds.get(key);
    if (!h) holds.set(key, (h = newHoldState()));
    return h;
  }

  function compile(kind: TargetKindCode, info: AlarmTarget): Entry {
    const checks: Check[] = [];
    let offline: Check | null = null;
    for (const { ruleId, rule } of rulesInForce(rules, info)) {
      const hold = holdFor(ruleId, kind, info.id);
      if (rule.params.type === 'offline' && kind === 'station') {
        offline = { ruleId, rule, hold, evaluate: () => null, message: () => '' };
        continue;
      }
      const check = compileCheck(ruleId, rule, kind, info.id, hold, deps.compensation);
      if (check) checks.push(check);
    }
    return { info, checks, offline, version };
  }

  function entryOf(kind: TargetKindCode, id: number): Entry | undefined {
    const e = entries[kind].get(id);
    if (e && e.version !== version) {
      const fresh = compile(kind, e.info);
      entries[kind].set(id, fresh);
      return fresh;
    }
    return e;
  }

  async function ensureTargets(kind: TargetKindCode, ids: Iterable<number>): Promise<void> {
    const missing = [...ids].filter((id) => !entries[kind].has(id));
    if (missing.length === 0) return;
    const found = await deps.resolveTargets(kind, missing);
    if (kind === 'station') await deps.compensation.prepare?.(missing);
    for (const id of missing) {
      const info = found.get(id);
      // a target the registry does not know (deleted): no checks, never looked up again
      entries[kind].set(
        id,
        info ? compile(kind, info) : { info: unknownTarget(kind, id), checks: [], offline: null, version },
      );
    }
  }

  /** evaluates every newly stored row; returns the transitions in order */
  function evaluate(batch: ReadingBatch, stored: Uint8Array): Transition[] {
    const out: Transition[] = [];
    const { data, count } = batch;
    // rows come in runs of one target (a message's readings): its entry is looked up once per run
    let lastCode = -1;
    let lastId = -1;
    let entry: Entry | undefined;
    for (let r = 0; r < count; r++) {
      if (stored[r] !== 1) continue;
      const code = rowKind(data, r);
      const id = rowTarget(data, r);
      if (code !== lastCode || id !== lastId) {
        entry = entryOf(code === KIND_CODE.household ? 'household' : 'station', id);
        lastCode = code;
        lastId = id;
      }
      if (!entry || entry.checks.length === 0) continue;
      const ts = rowTs(data, r);
      for (const check of entry.checks) {
        const verdict = check.evaluate(data, r, ts);
        if (!verdict) continue;
        const t = step(check.hold, verdict.on, ts, check.forMs ?? 0);
        // the verdict object is reused by the next row: its figures are copied at the transition
        if (t)
          out.push({
            entry,
            check,
            kind: t,
            at: ts,
            verdict: { ...verdict },
            message: t === 'raise' ? check.message(verdict) : '',
          });
      }
    }
    return out;
  }

  async function apply(t: Transition): Promise<void> {
    const { entry, check, verdict } = t;
    if (t.kind === 'raise') {
      await deps.lifecycle.raise({
        ruleId: check.ruleId,
        rule: check.rule,
        target: entry.info,
        at: t.at,
        value: finiteOrNull(verdict.value),
        threshold: finiteOrNull(verdict.limit),
        metric: verdict.metric,
        message: t.message,
      });
    } else {
      await deps.lifecycle.clear(
        check.ruleId,
        entry.info.kind,
        entry.info.id,
        t.at,
        finiteOrNull(verdict.value),
      );
    }
  }

  function start(): Promise<void> {
    started ??= (async () => {
      await reload();
      for (const key of await deps.loadActive()) {
        const h = newHoldState();
        h.active = true;
        holds.set(key, h);
      }
    })();
    return started;
  }

  async function drain(): Promise<void> {
    await start();
    while (queue.length > 0) {
      const { batch, stored } = queue.shift() as { batch: ReadingBatch; stored: Uint8Array };
      try {
        const ids: Record<TargetKindCode, Set<number>> = { station: new Set(), household: new Set() };
        let lastCode = -1;
        let lastId = -1;
        for (let r = 0; r < batch.count; r++) {
          const code = rowKind(batch.data, r);
          const id = rowTarget(batch.data, r);
          if (stored[r] !== 1 || (code === lastCode && id === lastId)) continue;
          ids[code === KIND_CODE.household ? 'household' : 'station'].add(id);
          lastCode = code;
          lastId = id;
        }
        await ensureTargets('station', ids.station);
        await ensureTargets('household', ids.household);
        for (const t of evaluate(batch, stored)) await apply(t);
      } catch (error) {
        deps.onError?.(error);
      }
    }
  }

  async function reload(): Promise<void> {
    rules = await deps.loadRules();
    version++;
  }

  return {
    /** loads the rules and which alarms are open (so their clearing is seen) */
    start,
    reload,
    /** The writer committed these rows (1 = newly stored per row): evaluated in order, off the writer's path. */
    committed(batch: ReadingBatch, stored: Uint8Array): void {
      queue.push({ batch, stored });
      draining ??= drain().finally(() => (draining = null));
    },
    /** resolves once every batch handed in so far is evaluated and its transitions written */
    async idle(): Promise<void> {
      while (draining) await draining;
    },
    /** an alarm closed by a user while its condition held: the condition raises a new one when it persists */
    forget(ruleId: number, kind: string, id: number): void {
      const h = holds.get(holdKey(ruleId, kind, id));
      if (h) {
        h.active = false;
        h.since = NaN;
      }
    },
    /** Offline / stale: every station that reported, against its offline rule. */
    async scanOffline(now: number): Promise<void> {
      await start();
      const latest = await deps.latestStationTimes();
      await ensureTargets('station', latest.keys());
      for (const [id, lastTs] of latest) {
        const entry = entryOf('station', id);
        const check = entry?.offline;
        if (!entry || !check || check.rule.params.type !== 'offline') continue;
        const after = check.rule.params.afterMinutes;
        const on = offlineCondition(lastTs, now, after);
        if (on === null) continue;
        const t = step(check.hold, on, Math.max(now, check.hold.lastTs), 0);
        if (!t) continue;
        const minutes = Math.round((now - lastTs) / 60_000);
        const verdict: Verdict = { on, value: minutes, limit: after, ref: NaN, metric: null };
        await apply({ entry, check, kind: t, at: now, verdict, message: offlineMessage(minutes, after) });
      }
    },
  };
}
export type AlarmEngine = ReturnType<typeof createAlarmEngine>;

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

function unknownTarget(kind: TargetKindCode, id: number): AlarmTarget {
  return {
    kind,
    id,
    name: `#${id}`,
    stationId: null,
    stationName: null,
    enterpriseId: null,
    enterpriseName: null,
  };
}
