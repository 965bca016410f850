// The alarm lifecycle in the database: raise (insert, keep, re-raise within the hold-off, or close and open
// anew), clear, acknowledge, close and escalate — each one transaction that appends to the timeline and enqueues
// the webhook event through the notify port; listeners hear the committed changes (live push).
import type { Kysely } from 'kysely';
import type {
  Alarm,
  AlarmEventKind,
  AlarmSeverity,
  AlarmTargetKind,
  AlarmWebhookPayload,
} from '@hearth/contracts/alarms';
import type { MetricKey } from '@hearth/contracts/telemetry';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { DomainError } from '../../http/domain-error.ts';
import type { Scope } from '../auth/actor.ts';
import { ACK_FROM, CLOSE_FROM, raiseDecision, reraisedState, type EngineRule } from './alarm.rules.ts';
import { alarmOf } from './alarms.mapping.ts';
import type { AlarmRow, AlarmsRepository, Executor } from './alarms.repository.ts';

/** What an alarm is about, with the names it is shown and filtered by. */
export type AlarmTarget = {
  kind: AlarmTargetKind;
  id: number;
  name: string;
  stationId: number | null;
  stationName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
};

export type RaiseInput = {
  /** the city rule (alarms are keyed by it) and the rule in force for the target */
  ruleId: number;
  rule: EngineRule;
  target: AlarmTarget;
  at: number;
  value: number | null;
  threshold: number | null;
  metric: MetricKey | null;
  message: string;
  severity?: AlarmSeverity;
};

/**
 * The webhook port: enqueues an event in the caller's transaction (the outbox delivers it after the commit).
 * Wire `(executor, event) => outbox.enqueue(executor, event)`; a no-op until the outbox exists.
 */
export type AlarmNotify = (
  executor: Kysely<Database>,
  event: { topic: string; payload: AlarmWebhookPayload },
) => Promise<void>;

export type AlarmChange = { event: AlarmEventKind; alarm: AlarmRow };

const notFound = (id: number) =>
  new DomainError('alarm.not_found', 404, `报警不存在 / alarm ${id} not found`);
const invalidState = (state: string, action: string) =>
  new DomainError(
    'alarm.invalid_state',
    409,
    `报警当前状态不允许该操作 / cannot ${action} an alarm that is ${state}`,
  );

export function createAlarmLifecycle(deps: {
  db: Kysely<Database>;
  repo: AlarmsRepository;
  notify: AlarmNotify;
  /** hears every committed change (the live stream, the other processes) */
  changed: (changes: AlarmChange[]) => void;
  /** the alarm as the API and the webhook show it (with its rule's name) */
  present?: (row: AlarmRow) => Alarm;
  now?: () => number;
}) {
  const present = deps.present ?? alarmOf;
  const { db, repo } = deps;
  const now = deps.now ?? Date.now;

  /** one transaction collecting its changes; they are enqueued inside it and announced after the commit */
  async function inTransaction<T>(
    work: (trx: Executor, record: (c: AlarmChange, extra?: EventExtra) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const changes: AlarmChange[] = [];
    const result = await db.transaction().execute(async (trx) => {
      const record = async (c: AlarmChange, extra: EventExtra = {}) => {
        changes.push(c);
        await repo.insertEvent(trx, {
          alarmId: c.alarm.id,
          kind: c.event,
          at: extra.at ?? new Date(now()).toISOString(),
          actorName: extra.actorName ?? null,
          note: extra.note ?? null,
          value: extra.value ?? null,
          level: extra.level ?? null,
          notified: extra.notified ?? null,
        });
        const at = new Date(now()).toISOString();
        await deps.notify(trx, {
          topic: `alarm.${c.event}`,
          payload: { event: c.event, alarm: present(c.alarm), at },
        });
      };
      return work(trx, record);
    });
    if (changes.length > 0) deps.changed(changes);
    return result;
  }

  async function insertNew(trx: Executor, input: RaiseInput, record: Recorder): Promise<void> {
    const at = new Date(input.at).toISOString();
    const row = await repo.insertOpen(trx, {
      ruleId: input.ruleId,
      type: input.rule.type,
      targetKind: input.target.kind,
      targetId: input.target.id,
      targetName: input.target.name,
      stationId: input.target.stationId,
      stationName: input.target.stationName,
      enterpriseId: input.target.enterpriseId,
      enterpriseName: input.target.enterpriseName,
      severity: input.severity ?? input.rule.severity,
      state: 'raised',
      metric: input.metric,
      message: input.message,
      value: input.value,
      threshold: input.threshold,
      raisedAt: at,
      lastRaisedAt: at,
      occurrences: 1,
      escalationLevel: 0,
    });
    // no row: another process opened it first — that one is the alarm
    if (row) await record({ event: 'raised', alarm: row }, { at, value: input.value });
  }

  async function raiseOnce(trx: Executor, input: RaiseInput, record: Recorder): Promise<boolean> {
    const open = await repo.findOpen(trx, input.ruleId, input.target.kind, input.target.id);
    const decision = raiseDecision(
      open && {
        state: open.state as never,
        clearedAt: open.clearedAt === null ? null : Date.parse(toIso(open.clearedAt)),
      },
      input.at,
      input.rule.holdOffSeconds,
    );
    if (decision === 'keep') return true;
    if (decision === 'insert') {
      await insertNew(trx, input, record);
      return true;
    }
    const existing = open as AlarmRow;
    const at = new Date(input.at).toISOString();
    if (decision === 'reraise') {
      const row = await repo.updateIf(trx, existing.id, ['cleared'], {
        state: reraisedState(existing.acknowledgedAt),
        clearedAt: null,
        lastRaisedAt: at,
        occurrences: Number(existing.occurrences) + 1,
        value: input.value,
        threshold: input.threshold,
        message: input.message,
      });
      if (!row) return false;
      await record({ event: 'reraised', alarm: row }, { at, value: input.value });
      return true;
    }
    const closed = await repo.updateIf(trx, existing.id, ['cleared'], { state: 'closed', closedAt: at });
    if (!closed) return false;
    await record(
      { event: 'closed', alarm: closed },
      { at, note: '条件再次出现（超出抑制期），另开新报警 / condition returned after the hold-off' },
    );
    await insertNew(trx, input, record);
    return true;
  }

  return {
    /** The condition holds: exactly one open alarm for the rule and target afterwards. */
    async raise(input: RaiseInput): Promise<void> {
      // a conditional update that lost a race to another process reads the alarm again
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await inTransaction((trx, record) => raiseOnce(trx, input, record))) return;
      }
    },

    /** The condition is gone: the open alarm (raised or acknowledged) becomes cleared. */
    async clear(ruleId: number, targetKind: string, targetId: number, at: number, value: number | null) {
      await inTransaction(async (trx, record) => {
        const open = await repo.findOpen(trx, ruleId, targetKind, targetId);
        if (!open || (open.state !== 'raised' && open.state !== 'acknowledged')) return;
        const iso = new Date(at).toISOString();
        const row = await repo.updateIf(trx, open.id, ['raised', 'acknowledged'], {
          state: 'cleared',
          clearedAt: iso,
        });
        if (row) await record({ event: 'cleared', alarm: row }, { at: iso, value });
      });
    },

    async acknowledge(scope: Scope, actorName: string, id: number, note: string | undefined) {
      return inTransaction(async (trx, record) => {
        const alarm = await repo.find(scope, id, trx);
        if (!alarm) throw notFound(id);
        if (!ACK_FROM.includes(alarm.state as never) || alarm.acknowledgedAt !== null)
          throw invalidState(alarm.state, 'acknowledge');
        const at = new Date(now()).toISOString();
        const row = await repo.updateIf(trx, id, [alarm.state], {
          state: alarm.state === 'raised' ? 'acknowledged' : alarm.state,
          acknowledgedAt: at,
          acknowledgedBy: actorName,
        });
        if (!row) throw invalidState('changed', 'acknowledge');
        await record({ event: 'acknowledged', alarm: row }, { at, actorName, note: note ?? null });
        return row;
      });
    },

    async close(scope: Scope, actorName: string, id: number, note: string) {
      return inTransaction(async (trx, record) => {
        const alarm = await repo.find(scope, id, trx);
        if (!alarm) throw notFound(id);
        if (!CLOSE_FROM.includes(alarm.state as never)) throw invalidState(alarm.state, 'close');
        const at = new Date(now()).toISOString();
        const row = await repo.updateIf(trx, id, [alarm.state], {
          state: 'closed',
          closedAt: at,
          closedBy: actorName,
        });
        if (!row) throw invalidState('changed', 'close');
        await record({ event: 'closed', alarm: row }, { at, actorName, note });
        return row;
      });
    },

    /** Raises the escalation level of a still unacknowledged alarm (no-op when it moved meanwhile). */
    async escalate(alarm: AlarmRow, level: number, notified: string): Promise<void> {
      await inTransaction(async (trx, record) => {
        const at = new Date(now()).toISOString();
        const row = await repo.updateIf(
          trx,
          alarm.id,
          ['raised'],
          { escalationLevel: level, escalatedAt: at },
          { escalationLevel: Number(alarm.escalationLevel) },
        );
        if (row) await record({ event: 'escalated', alarm: row }, { at, level, notified });
      });
    },

    notFound,
  };
}
export type AlarmLifecycle = ReturnType<typeof createAlarmLifecycle>;

type EventExtra = {
  at?: string;
  actorName?: string | null;
  note?: string | null;
  value?: number | null;
  level?: number | null;
  notified?: string | null;
};
type Recorder = (c: AlarmChange, extra?: EventExtra) => Promise<void>;
