// One-line wordings of an order: its scope by names and its requirement (pure).
import { RAISE_MODE_LABELS, RAISE_SCOPE_LABELS, type RaiseOrder } from '@hearth/contracts/raise-orders';
import { enumLabel, type Lang } from '../../shared/i18n.ts';

/** 全市 / 指定企业：甲热力、乙热力 / 指定换热站：… (at most `max` names, then "等 N 个") */
export function scopeText(
  lang: Lang,
  order: Pick<RaiseOrder, 'scope' | 'enterprises' | 'stations'>,
  max = 3,
): string {
  const label = enumLabel(lang, RAISE_SCOPE_LABELS, order.scope);
  if (order.scope === 'city') return label;
  const names = (order.scope === 'enterprises' ? order.enterprises : order.stations).map((x) => x.name);
  const shown = names.slice(0, max).join(lang === 'en' ? ', ' : '、');
  const more =
    names.length > max ? (lang === 'en' ? ` and ${names.length - max} more` : ` 等 ${names.length} 个`) : '';
  return names.length === 0 ? label : `${label}${lang === 'en' ? ': ' : '：'}${shown}${more}`;
}

/** 提高二次供水温度 3 ℃ / 二次供水温度达到 55 ℃ */
export function requirementText(lang: Lang, order: Pick<RaiseOrder, 'mode' | 'value'>): string {
  return `${enumLabel(lang, RAISE_MODE_LABELS, order.mode)} ${order.value} ℃`;
}
