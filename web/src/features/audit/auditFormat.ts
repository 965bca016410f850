// How the 审计日志 page words an entry: actions in Chinese (or English), city times, "字段: 旧值 → 新值" lines with
// references by name, roles and enums by label.
import { ROLE_LABELS } from '@hearth/contracts/auth';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { pick, translate, type DictKey, type Lang } from '../../shared/i18n.ts';
import { optionLabel, RESOURCE_NAMES, RESOURCES } from '../registry/registry.public.ts';

const ACTION_KEYS: Record<string, DictKey> = {
  create: 'audit.act.create',
  update: 'audit.act.update',
  delete: 'audit.act.delete',
  import: 'audit.act.import',
  move: 'audit.act.move',
  rotate: 'audit.act.rotate',
  revoke: 'audit.act.revoke',
  end_credential: 'audit.act.end_credential',
  check: 'audit.act.check',
};

export const AUDIT_ACTIONS = Object.keys(ACTION_KEYS);

export function actionLabel(action: string, lang: Lang): string {
  const key = ACTION_KEYS[action];
  return key ? translate(lang, key) : action;
}

type Label = {
  label: string;
  en?: string;
  options?: Readonly<Record<string, string>>;
  kind?: string;
  ref?: RegistryResourceName;
};

/** Change keys outside the registry fields that hold an id of a registry resource (devices, users, moves). */
const OTHER_REFS: Record<string, RegistryResourceName> = {
  enterpriseId: 'enterprises',
  stationId: 'stations',
  householdId: 'households',
};

/** Names the server sent with the entry: `<resource>/<id>` and `departments/<code>`. */
export type AuditNames = Readonly<Record<string, string>>;

/** Keys outside the registry fields: users, devices, imports and ownership moves. */
const OTHER_LABELS: Record<string, DictKey> = {
  id: 'audit.entityId',
  username: 'auth.username',
  enterpriseId: 'common.enterprise',
  displayName: 'users.displayName',
  role: 'users.role',
  departmentCode: 'users.department',
  active: 'users.active',
  password: 'audit.key.password',
  sessionsEnded: 'audit.key.sessionsEnded',
  count: 'audit.key.count',
  firstCode: 'audit.key.firstCode',
  lastCode: 'audit.key.lastCode',
  carried: 'audit.key.carried',
  devicesOf: 'audit.key.devicesOf',
  demo: 'audit.key.demo',
  stationDevices: 'audit.key.stationDevices',
  indoorSensors: 'audit.key.indoorSensors',
  devices: 'audit.key.devices',
  reason: 'audit.key.reason',
  movedWith: 'audit.key.movedWith',
  createdAt: 'common.createdAt',
  updatedAt: 'common.updatedAt',
};

function fieldOf(entity: string, key: string): Label | undefined {
  const resource = RESOURCE_NAMES.find((r) => RESOURCES[r].entity === entity);
  return resource ? RESOURCES[resource].fields.find((f) => f.name === key) : undefined;
}

/** The resource a change key refers to (its field's `ref`, or a known key), or `departments` for codes. */
function refOf(key: string, field: Label | undefined): string | undefined {
  if (field?.kind === 'ref') return field.ref;
  if (key === 'departmentCode') return 'departments';
  return OTHER_REFS[key];
}

function formatValue(value: unknown, key: string, field: Label | undefined, ctx: Context): string {
  const { lang, names } = ctx;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translate(lang, value ? 'common.yes' : 'common.no');
  const ref = refOf(key, field);
  if (ref && (typeof value === 'number' || typeof value === 'string')) {
    const name = names[`${ref}/${value}`];
    return name ?? (typeof value === 'number' ? `#${value}` : value);
  }
  if (typeof value === 'string') {
    if (key === 'role') return optionLabel(ROLE_LABELS, value, lang);
    return field?.options ? optionLabel(field.options, value, lang) : value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

type Context = { lang: Lang; names: AuditNames };

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return typeof v === 'object' && v !== null && 'from' in v && 'to' in v && Object.keys(v).length === 2;
}

export type ChangeLine = { key: string; label: string; text: string };

/** Keys a create or delete record's snapshot holds that the row already shows (the object) or nobody needs. */
const HIDDEN_KEYS = new Set(['id', 'createdAt', 'updatedAt']);

/** One line per changed key: `label`, and `old → new` for an update or the value for the rest. */
export function changeLines(
  entity: string,
  changes: Record<string, unknown> | null,
  lang: Lang,
  names: AuditNames = {},
): ChangeLine[] {
  if (!changes) return [];
  const ctx: Context = { lang, names };
  return Object.entries(changes)
    .filter(([key]) => !HIDDEN_KEYS.has(key))
    .map(([key, value]) => {
      const field = fieldOf(entity, key);
      const other = OTHER_LABELS[key];
      const label = field ? pick(lang, field.label, field.en) : other ? translate(lang, other) : key;
      const text = isFromTo(value)
        ? `${formatValue(value.from, key, field, ctx)} → ${formatValue(value.to, key, field, ctx)}`
        : formatValue(value, key, field, ctx);
      return { key, label, text };
    });
}
