// Least privilege for personal data: which fields are personal, and how they read for roles without the need.
import { PERSONAL_DATA_ROLES, type PersonalDataKind, type Role } from '@hearth/contracts/auth';

/** A personal field of a resource: its kind decides who sees it in full; `as` how it is masked. */
export type PersonalField = { field: string; kind: PersonalDataKind; as: 'name' | 'phone' };

/** 张三 → 张*, 欧阳娜娜 → 欧***: the first character stays (enough to greet someone, not to find them). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13812345678 → 138****5678, 022-2345678 → 022*****678 … : the first 3 and last 4 stay when 8 or more remain. */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  if (chars.length >= 8)
    return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${'*'.repeat(chars.length - 2)}${chars.slice(-2).join('')}`;
}

/** The item as `role` may read it: personal fields masked unless the role works with them. */
export function presentPersonal<T extends Record<string, unknown>>(
  item: T,
  fields: readonly PersonalField[],
  role: Role,
): T {
  let out: T | undefined;
  for (const { field, kind, as } of fields) {
    const value = item[field];
    if (typeof value !== 'string' || value === '') continue;
    if ((PERSONAL_DATA_ROLES[kind] as readonly Role[]).includes(role)) continue;
    out ??= { ...item };
    (out as Record<string, unknown>)[field] = as === 'name' ? maskName(value) : maskPhone(value);
  }
  return out ?? item;
}
