// Converts between API items and antd form values, and maps zod / server errors onto form fields.
import type { z } from 'zod';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { Lang } from '../../shared/i18n.ts';
import type { FieldDef, RegistryItem } from './types.ts';

export type FormValues = Record<string, unknown>;
export type FieldErrors = Record<string, string[]>;

/** Item → initial form values (JSON fields become pretty text, nulls become empty). */
export function toFormValues(fields: FieldDef[], item: RegistryItem | null): FormValues {
  const values: FormValues = {};
  if (!item) return values;
  for (const f of fields) {
    const v = item[f.name];
    if (v === null || v === undefined) continue;
    values[f.name] = f.kind === 'json' ? JSON.stringify(v, null, 2) : v;
  }
  return values;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Form values → request body. Empty nullable fields become `null`, other empty fields are left out;
 * text is trimmed; JSON text is parsed (parse failures are returned as field errors).
 */
export function fromFormValues(
  fields: FieldDef[],
  values: FormValues,
  lang: Lang,
): { body: Record<string, unknown>; errors: FieldErrors } {
  const body: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const f of fields) {
    if (f.readOnly) continue;
    const raw = values[f.name];
    if (isEmpty(raw)) {
      if (f.nullable) body[f.name] = null;
      continue;
    }
    if (f.kind === 'json' && typeof raw === 'string') {
      try {
        body[f.name] = JSON.parse(raw) as unknown;
      } catch {
        errors[f.name] = [lang === 'en' ? 'Not valid JSON' : '不是合法的 JSON'];
      }
    } else if (typeof raw === 'string') {
      body[f.name] = raw.trim();
    } else {
      body[f.name] = raw;
    }
  }
  return { body, errors };
}

/** Keeps only the keys whose value differs from the item (a minimal PATCH). */
export function changedOnly(body: Record<string, unknown>, item: RegistryItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (JSON.stringify(v) !== JSON.stringify(item[k] ?? null)) out[k] = v;
  }
  return out;
}

/** UI-required fields left empty (covers fields the schema leaves optional, such as a staff user's enterprise). */
export function requiredMissing(fields: FieldDef[], body: Record<string, unknown>, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of fields)
    if (f.required && (body[f.name] === undefined || body[f.name] === null))
      errors[f.name] = [lang === 'en' ? 'Required' : '必填'];
  return errors;
}

/** zod issues → per-field messages; issues on unknown paths are returned separately. */
export function zodIssuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  fieldNames: ReadonlySet<string>,
  body: Record<string, unknown>,
  lang: Lang,
): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const key = issue.path[0];
    const name = typeof key === 'string' ? key : null;
    if (name && fieldNames.has(name)) {
      const missing = issue.code === 'invalid_type' && body[name] === undefined;
      const msg = missing ? (lang === 'en' ? 'Required' : '必填') : issue.message;
      (errors[name] ??= []).push(msg);
    } else {
      other.push(issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
    }
  }
  return { errors, other };
}

/** Server error details (`path` like `body.name`, `/name` or `name`) → per-field messages. */
export function serverDetailsToErrors(
  details: readonly ErrorDetail[],
  fieldNames: ReadonlySet<string>,
): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const d of details) {
    const segments = (d.path ?? d.column ?? '').split(/[./[\]]+/).filter(Boolean);
    const name = segments.find((s) => fieldNames.has(s));
    if (name) (errors[name] ??= []).push(d.reason);
    else other.push(d.path ? `${d.path}: ${d.reason}` : d.reason);
  }
  return { errors, other };
}
