// 报警 Alarm use cases: the engine fed by committed telemetry, the lifecycle (acknowledge, close), queries and
// export within the caller's scope, the hooks later modules raise through, the periodic job (escalation and the
// offline scan, run by one process at a time under a lease) and the live feed of changes.
import type { Kysely } from 'kysely';
import type {
  Alarm,
  AlarmDetail,
  AlarmEventKind,
  AlarmLiveEvent,
  AlarmSummary,
  AlarmType,
} from '@hearth/contracts/alarms';
import { ALARM_SEVERITIES } from '@hearth/contracts/alarms';
import type { Page } from '@hearth/contracts/common';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { writeSheet, type SheetFormat } from '../../lib/spreadsheet.ts';
import { scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { ReadingBatch } from '../telemetry/reading-batch.ts';
import { createAlarmEngine } from './alarm-engine.ts';
import type { CompensationTarget } from './alarm-checks.ts';
import {
  createAlarmLifecycle,
  type AlarmChange,
  type AlarmNotify,
  type AlarmTarget,
} from './alarm-lifecycle.ts';
import { createAlarmRulesService } from './alarm-rules.service.ts';
import { escalationDue, rulesInForce, type EngineRule } from './alarm.rules.ts';
import { createAlarmTargets } from './alarm-targets.ts';
import { alarmColumns } from './alarms.export.ts';
import { alarmOf, engineRuleOf, eventOf } from './alarms.mapping.ts';
import { createAlarmsRepository, type AlarmFilter, type AlarmRow } from './alarms.repository.ts';

/** An export holds at most this many alarms (newest first). */
export const ALARM_EXPORT_LIMIT = 100_000;
const LEASE = 'alarms.jobs';

export type AlarmsServiceDeps = {
  db: Kysely<Database>;
  audit: AuditService;
  registry: Pick<RegistryService, 'findByIds' | 'exists'>;
  notify: AlarmNotify;
  compensation: CompensationTarget;
  latestStationTimes: () => Promise<Map<number, number>>;
  timeZone: string;
  /** this process among those on the same database (the job lease holder) */
  instance: string;
  /** level 2 escalation contact when a rule names none */
  dutyContact?: string | null;
  /** tells the other processes which alarms changed (their live streams) */
  broadcast?: (changes: { id: number; event: AlarmEventKind }[]) => void;
  onError?: (error: unknown) => void;
  now?: () => number;
};

export type AlarmListener = (event: AlarmLiveEvent) => void;

export function createAlarmsService(deps: AlarmsServiceDeps) {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const repo = createAlarmsRepository(db);
  const targets = createAlarmTargets(deps.registry);
  const listeners = new Set<AlarmListener>();
  let rules: EngineRule[] = [];
  const ruleNames = new Map<number, string>();

  let rulesVersion = '';

  async function loadRules(): Promise<EngineRule[]> {
    rulesVersion = await repo.rulesVersion();
    rules = (await repo.listRules()).map(engineRuleOf);
    ruleNames.clear();
    for (const r of rules) ruleNames.set(r.id, r.name);
    return rules;
  }

  const toApi = (row: AlarmRow): Alarm => ({ ...alarmOf(row), ruleName: ruleNames.get(row.ruleId) ?? '' });

  function emit(changes: { event: AlarmEventKind; alarm: AlarmRow }[]): void {
    for (const c of changes) {
      const event = { event: c.event, alarm: toApi(c.alarm) };
      for (const l of listeners) l(event);
    }
  }

  const lifecycle = createAlarmLifecycle({
    db,
    repo,
    notify: deps.notify,
    now,
    present: (row) => toApi(row),
    changed(changes: AlarmChange[]) {
      emit(changes);
      deps.broadcast?.(changes.map((c) => ({ id: c.alarm.id, event: c.event })));
    },
  });

  const engine = createAlarmEngine({
    lifecycle,
    loadRules,
    loadActive: async () =>
      (await repo.activeAlarms()).map((a) => `${a.ruleId}:${a.targetKind}:${a.targetId}`),
    resolveTargets: (kind, ids) => targets.resolve(kind, ids),
    compensation: deps.compensation,
    latestStationTimes: deps.latestStationTimes,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });

  const ruleService = createAlarmRulesService({
    db,
    repo,
    audit: deps.audit,
    targets,
    registry: deps.registry,
    changed: () => engine.reload(),
  });

  /** the rule in force for an alarm's target (its override, else the city rule) */
  const ruleFor = (alarm: Pick<AlarmRow, 'ruleId' | 'stationId' | 'enterpriseId'>) =>
    rulesInForce(rules, alarm).find((r) => r.ruleId === alarm.ruleId)?.rule ??
    rules.find((r) => r.id === alarm.ruleId);

  async function escalateDue(at: number): Promise<void> {
    for (const alarm of await repo.unacknowledged()) {
      const rule = ruleFor(alarm);
      if (!rule) continue;
      const due = escalationDue(
        {
          state: 'raised',
          raisedAt: Date.parse(toIso(alarm.raisedAt)),
          escalationLevel: alarm.escalationLevel,
        },
        rule,
        at,
      );
      for (let level = Number(alarm.escalationLevel) + 1; level <= due; level++) {
        const notified =
          level === 1 ? '供热主管部门' : (rule.dutyContact ?? deps.dutyContact ?? '值班人（未配置）');
        await lifecycle.escalate({ ...alarm, escalationLevel: level - 1 }, level, notified);
      }
    }
  }

  /** the hook rule in force for a target, or undefined (no such rule, or disabled for it) */
  function hookRule(type: AlarmType, target: Pick<AlarmTarget, 'stationId' | 'enterpriseId'>) {
    return rulesInForce(rules, target).find((r) => r.rule.type === type);
  }

  return {
    /** loads the rules and the open alarms; call before feeding readings */
    start: () => engine.start(),
    /** the telemetry writer committed these rows (1 = newly stored): evaluated in the background, in order */
    committed: (batch: ReadingBatch, stored: Uint8Array) => engine.committed(batch, stored),
    /** resolves when every batch handed in so far is evaluated (tests, shutdown) */
    idle: () => engine.idle(),
    reloadRules: () => engine.reload(),
    /** reloads the rules when another process changed them (cheap check; run by every process's job) */
    async refreshRules(): Promise<void> {
      if ((await repo.rulesVersion()) !== rulesVersion) await engine.reload();
    },

    async list(
      actor: Actor,
      query: AlarmFilter & { page: number; pageSize: number; sort: string },
    ): Promise<Page<Alarm>> {
      const { page, pageSize, sort, ...filter } = query;
      const { rows, total } = await repo.page(scopeOf(actor), filter, sort, page, pageSize);
      return { items: rows.map(toApi), total, page, pageSize };
    },

    async get(actor: Actor, id: number): Promise<AlarmDetail> {
      const row = await repo.find(scopeOf(actor), id);
      if (!row) throw lifecycle.notFound(id);
      return { alarm: toApi(row), events: (await repo.events(id)).map(eventOf) };
    },

    async summary(actor: Actor): Promise<AlarmSummary> {
      const bySeverity = Object.fromEntries(
        ALARM_SEVERITIES.map((s) => [s, 0]),
      ) as AlarmSummary['bySeverity'];
      let open = 0;
      let unacknowledged = 0;
      for (const g of await repo.summary(scopeOf(actor))) {
        const n = Number(g.n);
        open += n;
        if (g.state === 'raised') unacknowledged += n;
        bySeverity[g.severity as keyof typeof bySeverity] += n;
      }
      return { open, unacknowledged, bySeverity };
    },

    async exportSheet(actor: Actor, format: SheetFormat, filter: AlarmFilter): Promise<Buffer> {
      const scope = scopeOf(actor);
      async function* alarms(): AsyncGenerator<Alarm> {
        for await (const row of repo.scan(scope, filter, ALARM_EXPORT_LIMIT)) yield toApi(row);
      }
      return writeSheet(format, '报警记录', alarmColumns(deps.timeZone), alarms());
    },

    async acknowledge(actor: Actor, id: number, note: string | undefined): Promise<Alarm> {
      return toApi(await lifecycle.acknowledge(scopeOf(actor), actor.username, id, note));
    },

    async close(actor: Actor, id: number, note: string): Promise<Alarm> {
      const row = await lifecycle.close(scopeOf(actor), actor.username, id, note);
      // closed while its condition held: a condition that persists raises a new alarm
      engine.forget(row.ruleId, row.targetKind, row.targetId);
      return toApi(row);
    },

    rules: ruleService,

    /**
     * Hooks for later modules (fuel reserve below threshold, overdue work): raise on a target they own; the
     * rule of that type in force for the target decides whether, with which severity (unless given) and hold-off.
     */
    async raiseFromHook(
      type: 'fuel_reserve' | 'overdue_work',
      target: AlarmTarget,
      details: {
        message: string;
        value?: number | null;
        threshold?: number | null;
        severity?: Alarm['severity'];
        at?: number;
      },
    ): Promise<void> {
      await engine.start();
      const inForce = hookRule(type, target);
      if (!inForce) return;
      await lifecycle.raise({
        ruleId: inForce.ruleId,
        rule: inForce.rule,
        target,
        at: details.at ?? now(),
        value: details.value ?? null,
        threshold: details.threshold ?? null,
        metric: null,
        message: details.message,
        ...(details.severity ? { severity: details.severity } : {}),
      });
    },

    async clearFromHook(
      type: 'fuel_reserve' | 'overdue_work',
      target: Pick<AlarmTarget, 'kind' | 'id' | 'stationId' | 'enterpriseId'>,
      details: { value?: number | null; at?: number } = {},
    ): Promise<void> {
      await engine.start();
      const inForce = hookRule(type, target);
      if (!inForce) return;
      await lifecycle.clear(
        inForce.ruleId,
        target.kind,
        target.id,
        details.at ?? now(),
        details.value ?? null,
      );
    },

    /** targets of the hooks by id: heat sources with their enterprise */
    heatSourceTargets: (ids: readonly number[]) => targets.heatSources(ids),

    /**
     * The periodic job (every ~30 s in every process): the process holding the lease escalates unacknowledged
     * alarms and scans for offline stations; the others skip. Returns whether this process ran it.
     */
    async runJobs(leaseMs = 90_000): Promise<boolean> {
      const at = now();
      const held = await repo.lease(
        LEASE,
        deps.instance,
        new Date(at).toISOString(),
        new Date(at + leaseMs).toISOString(),
      );
      if (!held) return false;
      await engine.start();
      await escalateDue(at);
      await engine.scanOffline(at);
      return true;
    },

    /** live changes in this process (and those announced by others); returns an unsubscribe */
    onChange(listener: AlarmListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** another process changed these alarms: the live streams here show them */
    async announce(changes: { id: number; event: AlarmEventKind }[]): Promise<void> {
      const rows = new Map((await repo.findByIds(changes.map((c) => c.id))).map((r) => [r.id, r]));
      emit(
        changes.flatMap((c) =>
          rows.has(c.id) ? [{ event: c.event, alarm: rows.get(c.id) as AlarmRow }] : [],
        ),
      );
    },

    /** whether a live event may be shown to the caller (enterprise users: their own alarms) */
    visibleTo: (scope: Scope, alarm: Alarm) =>
      scope.enterpriseId === null || alarm.enterpriseId === scope.enterpriseId,
  };
}
export type AlarmsService = ReturnType<typeof createAlarmsService>;
