// Domain errors: a stable machine code, an HTTP status and a human message ("中文 / English"; the handler answers one).
import type { ErrorDetail } from '@hearth/contracts/common';

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  constructor(code: string, status: number, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** The language an answer's sentences are in: Chinese unless the caller prefers English. */
export type MessageLang = 'zh' | 'en';

/**
 * The caller's language from its `Accept-Language` header: the most preferred of Chinese and English
 * (by q-value, then order); Chinese when it names neither.
 */
export function languageOf(acceptLanguage: string | string[] | undefined): MessageLang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: MessageLang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

const HAN = /[\u3400-\u9fff]/;
const SEPARATOR = ' / ';

/**
 * One language of a bilingual "中文 / English" message: the text before the first " / " (when it holds
 * Chinese) or after it. A message without that shape is returned as it is.
 */
export function messageIn(message: string, lang: MessageLang): string {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return message;
  const zh = message.slice(0, at);
  if (!HAN.test(zh)) return message;
  const en = message.slice(at + SEPARATOR.length);
  return lang === 'en' ? en || zh : zh;
}

export const notFound = (entity: string, label: string, id: number | string) =>
  new DomainError(`${entity}.not_found`, 404, `${label}不存在 / ${entity} ${id} not found`);

export const forbidden = (message = '无权执行此操作 / not allowed') =>
  new DomainError('auth.forbidden', 403, message);

export const unauthenticated = (message = '请先登录 / authentication required') =>
  new DomainError('auth.unauthenticated', 401, message);

export const invalid = (code: string, message: string, details?: ErrorDetail[]) =>
  new DomainError(code, 422, message, details);

export const conflict = (code: string, message: string) => new DomainError(code, 409, message);
