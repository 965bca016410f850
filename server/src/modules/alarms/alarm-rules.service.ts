// Alarm rules 报警规则: city rules and their enterprise / station overrides, created, changed and deleted by the
// authority with an audit record in the same transaction; the engine reloads after every change.
import type { Kysely } from 'kysely';
import {
  AlarmRuleParams,
  type AlarmRule,
  type CreateAlarmRule,
  type UpdateAlarmRule,
} from '@hearth/contracts/alarms';
import { CreateAlarmRule as CreateSchema } from '@hearth/contracts/alarms';
import type { Database } from '../../db/schema.ts';
import { DomainError } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { AlarmTargets } from './alarm-targets.ts';
import { ruleOf } from './alarms.mapping.ts';
import type { AlarmRuleRow, AlarmsRepository } from './alarms.repository.ts';

const notFound = (id: number) =>
  new DomainError('alarm_rule.not_found', 404, `报警规则不存在 / alarm rule ${id} not found`);
const invalid = (message: string, path: string) =>
  new DomainError('alarm_rule.invalid', 422, message, [{ path, reason: message }]);

export function createAlarmRulesService(deps: {
  db: Kysely<Database>;
  repo: AlarmsRepository;
  audit: AuditService;
  targets: AlarmTargets;
  registry: Pick<RegistryService, 'exists'>;
  /** the engine takes the new rules */
  changed: () => Promise<void>;
}) {
  const { db, repo, audit } = deps;

  async function toApi(rows: AlarmRuleRow[]): Promise<AlarmRule[]> {
    const { enterprises, stations } = await deps.targets.names(
      rows.flatMap((r) => (r.enterpriseId === null ? [] : [r.enterpriseId])),
      rows.flatMap((r) => (r.stationId === null ? [] : [r.stationId])),
    );
    return rows.map((r) =>
      ruleOf(r, {
        enterpriseName: r.enterpriseId === null ? null : (enterprises.get(r.enterpriseId) ?? null),
        stationName: r.stationId === null ? null : (stations.get(r.stationId)?.name ?? null),
      }),
    );
  }

  /** the scope columns of a new rule, checked against its base rule and the registry */
  async function scopeOf(input: ReturnType<typeof CreateSchema.parse>) {
    if (input.scope === 'city') {
      if (input.baseRuleId !== undefined)
        throw invalid('全市规则不能引用基准规则 / a city rule has no base rule', 'baseRuleId');
      return { baseRuleId: null, enterpriseId: null, stationId: null };
    }
    if (input.baseRuleId === undefined)
      throw invalid('覆盖规则须指定基准规则 / an override needs baseRuleId', 'baseRuleId');
    const base = await repo.findRule(input.baseRuleId);
    if (!base || base.baseRuleId !== null)
      throw invalid('基准规则不存在 / base rule not found', 'baseRuleId');
    if (base.type !== input.params.type)
      throw invalid('覆盖规则类型须与基准规则一致 / an override has its base rule type', 'params.type');
    if (input.scope === 'enterprise') {
      if (!input.enterpriseId || !(await deps.registry.exists('enterprises', input.enterpriseId)))
        throw invalid('企业不存在 / enterprise not found', 'enterpriseId');
      return { baseRuleId: base.id, enterpriseId: input.enterpriseId, stationId: null };
    }
    if (!input.stationId || !(await deps.registry.exists('stations', input.stationId)))
      throw invalid('换热站不存在 / station not found', 'stationId');
    return { baseRuleId: base.id, enterpriseId: null, stationId: input.stationId };
  }

  return {
    async list(): Promise<AlarmRule[]> {
      return toApi(await repo.listRules());
    },

    async create(actor: Actor, body: CreateAlarmRule): Promise<AlarmRule> {
      const input = CreateSchema.parse(body);
      const scope = await scopeOf(input);
      const at = new Date().toISOString();
      const row = await db.transaction().execute(async (trx) => {
        const created = await repo.insertRule(trx, {
          ...scope,
          scope: input.scope,
          name: input.name,
          type: input.params.type,
          enabled: input.enabled ? 1 : 0,
          severity: input.severity,
          params: JSON.stringify(input.params),
          holdOffSeconds: input.holdOffSeconds,
          level1Minutes: input.escalation.level1Minutes,
          level2Minutes: input.escalation.level2Minutes,
          dutyContact: input.escalation.dutyContact,
          createdAt: at,
          updatedAt: at,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entity: 'alarm_rule',
          entityId: created.id,
          enterpriseId: created.enterpriseId,
          changes: { ...input },
        });
        return created;
      });
      await deps.changed();
      return (await toApi([row]))[0] as AlarmRule;
    },

    async update(actor: Actor, id: number, patch: UpdateAlarmRule): Promise<AlarmRule> {
      const row = await db.transaction().execute(async (trx) => {
        const old = await repo.findRule(id, trx);
        if (!old) throw notFound(id);
        if (patch.params && patch.params.type !== old.type)
          throw invalid('规则类型不可修改 / a rule keeps its type', 'params.type');
        const params = patch.params ? AlarmRuleParams.parse(patch.params) : undefined;
        const updated = await repo.updateRule(trx, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
          ...(params ? { params: JSON.stringify(params) } : {}),
          ...(patch.holdOffSeconds !== undefined ? { holdOffSeconds: patch.holdOffSeconds } : {}),
          ...(patch.escalation?.level1Minutes !== undefined
            ? { level1Minutes: patch.escalation.level1Minutes }
            : {}),
          ...(patch.escalation?.level2Minutes !== undefined
            ? { level2Minutes: patch.escalation.level2Minutes }
            : {}),
          ...(patch.escalation?.dutyContact !== undefined
            ? { dutyContact: patch.escalation.dutyContact }
            : {}),
          updatedAt: new Date().toISOString(),
        });
        await audit.record(trx, actor, {
          action: 'update',
          entity: 'alarm_rule',
          entityId: id,
          enterpriseId: updated.enterpriseId,
          changes: { ...patch },
        });
        return updated;
      });
      await deps.changed();
      return (await toApi([row]))[0] as AlarmRule;
    },

    async remove(actor: Actor, id: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const old = await repo.findRule(id, trx);
        if (!old) throw notFound(id);
        if (await repo.ruleInUse(trx, id))
          throw new DomainError(
            'alarm_rule.in_use',
            409,
            '规则已有报警或覆盖规则，请停用而非删除 / the rule has alarms or overrides: disable it instead',
          );
        await repo.deleteRule(trx, id);
        await audit.record(trx, actor, {
          action: 'delete',
          entity: 'alarm_rule',
          entityId: id,
          enterpriseId: old.enterpriseId,
          changes: { name: old.name, type: old.type },
        });
      });
      await deps.changed();
    },
  };
}
export type AlarmRulesService = ReturnType<typeof createAlarmRulesService>;
