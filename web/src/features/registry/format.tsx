// Renders a registry field value for tables and detail views (enum labels and units in the console's language,
// refs, numbers, booleans, JSON).
import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import { VALVE_KIND_LABELS_EN, VALVE_STATUS_LABELS_EN } from '@hearth/contracts/labels-en';
import { enumLabel, pick, unitIn, type Lang } from '../../shared/i18n.ts';
import { formatNumber } from '../../shared/format.ts';
import { RefName } from './refs.tsx';
import { VALVE_KIND_LABELS, VALVE_STATUS_LABELS } from './resources.network.ts';
import type { FieldDef } from './types.ts';

/** English twins of the console's own label maps (the contracts' maps find theirs in labels-en). */
const LOCAL_ENGLISH = new Map<object, Readonly<Record<string, string>>>([
  [VALVE_KIND_LABELS, VALVE_KIND_LABELS_EN],
  [VALVE_STATUS_LABELS, VALVE_STATUS_LABELS_EN],
]);

/** An enum field's (or filter's) option label in the console's language. */
export function optionLabel(
  options: Readonly<Record<string, string>> | undefined,
  value: string,
  lang: Lang,
): string {
  return enumLabel(lang, options, value, options ? LOCAL_ENGLISH.get(options) : undefined);
}

export function fieldLabel(field: { label: string; en?: string; unit?: string }, lang: Lang): string {
  const text = pick(lang, field.label, field.en);
  return field.unit ? `${text} (${unitIn(lang, field.unit)})` : text;
}

export function renderValue(field: FieldDef, value: unknown, lang: Lang, full = false): ReactNode {
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  switch (field.kind) {
    case 'enum':
      return optionLabel(field.options, String(value), lang);
    case 'bool':
      return value === true ? (
        <Tag color="green">{lang === 'en' ? 'Yes' : '是'}</Tag>
      ) : (
        <Tag>{lang === 'en' ? 'No' : '否'}</Tag>
      );
    case 'ref':
      return field.ref ? <RefName resource={field.ref} id={value} /> : String(value);
    case 'int':
    case 'number':
      if (typeof value !== 'number' || field.plain) return String(value);
      return formatNumber(value, field.kind === 'int' ? 0 : 4);
    case 'json': {
      const text = JSON.stringify(value, null, full ? 2 : undefined);
      return full ? (
        <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12 }}>{text}</pre>
      ) : (
        <Typography.Text code ellipsis style={{ maxWidth: 240 }}>
          {text}
        </Typography.Text>
      );
    }
    case 'textarea':
      return full ? <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span> : String(value);
    default:
      return String(value);
  }
}
