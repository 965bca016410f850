// How the 审计日志 page words an entry: actions in Chinese (or English), city times, "字段: 旧值 → 新值" lines.
import { pick, translate, type DictKey, type Lang } from '../../shared/i18n.ts';
import { RESOURCE_NAMES, RESOURCES } from '../registry/registry.public.ts';

/** The city's time zone: audit times read as on the city's clocks, whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const CITY_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as `YYYY-MM-DD HH:mm:ss` in city time (the console's format, shared/format.ts). */
export function formatCityTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '—';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : CITY_TIME.format(at).replace('T', ' ');
}

const ACTION_KEYS: Record<string, DictKey> = {
  create: 'audit.act.create',
  update: 'audit.act.update',
  delete: 'audit.act.delete',
  import: 'audit.act.import',
  move: 'audit.act.move',
  rotate: 'audit.act.rotate',
  revoke: 'audit.act.revoke',
  end_credential: 'audit.act.end_credential',
};

export const AUDIT_ACTIONS = Object.keys(ACTION_KEYS);

export function actionLabel(action: string, lang: Lang): string {
  const key = ACTION_KEYS[action];
  return key ? translate(lang, key) : action;
}

type Label = { label: string; en?: string; options?: Readonly<Record<string, string>>; kind?: string };

/** Keys outside the registry fields: users, devices, imports and ownership moves. */
const OTHER_LABELS: Record<string, DictKey> = {
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
  reason: 'audit.key.reason',
  movedWith: 'audit.key.movedWith',
  createdAt: 'common.createdAt',
  updatedAt: 'common.updatedAt',
};

function fieldOf(entity: string, key: string): Label | undefined {
  const resource = RESOURCE_NAMES.find((r) => RESOURCES[r].entity === entity);
  return resource ? RESOURCES[resource].fields.find((f) => f.name === key) : undefined;
}

function formatValue(value: unknown, field: Label | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translate(lang, value ? 'common.yes' : 'common.no');
  if (typeof value === 'string') {
    const option = field?.options?.[value];
    return option ? (lang === 'en' ? `${option} (${value})` : option) : value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return typeof v === 'object' && v !== null && 'from' in v && 'to' in v && Object.keys(v).length === 2;
}

export type ChangeLine = { key: string; label: string; text: string };

/** One line per changed key: `label`, and `old → new` for an update or the value for the rest. */
export function changeLines(
  entity: string,
  changes: Record<string, unknown> | null,
  lang: Lang,
): ChangeLine[] {
  if (!changes) return [];
  return Object.entries(changes).map(([key, value]) => {
    const field = fieldOf(entity, key);
    const other = OTHER_LABELS[key];
    const label = field ? pick(lang, field.label, field.en) : other ? translate(lang, other) : key;
    const text = isFromTo(value)
      ? `${formatValue(value.from, field, lang)} → ${formatValue(value.to, field, lang)}`
      : formatValue(value, field, lang);
    return { key, label, text };
  });
}
