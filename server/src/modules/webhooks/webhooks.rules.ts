// Pure rules of webhook delivery: the HMAC-SHA256 signature header, its verification, and the retry backoff.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = 'x-hearth-signature';
/** The event's id (a UUID): receivers drop an id they have already processed (delivery is at least once). */
export const EVENT_ID_HEADER = 'x-hearth-event-id';
export const TOPIC_HEADER = 'x-hearth-topic';
export const ATTEMPT_HEADER = 'x-hearth-attempt';

export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * A receiver's check of a signature header against the raw body: the MAC matches and the timestamp is within
 * `toleranceSeconds` of `nowSeconds` (replay window). Returns the reason when it fails.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' } {
  const parts = new Map(
    (header ?? '').split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(signatureOf(secret, t, body).slice(`t=${t},v1=`.length), 'hex');
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

export type RetryPolicy = {
  /** the delay after the first failed attempt, ms */
  baseMs: number;
  /** no delay exceeds this, ms */
  maxMs: number;
  /** attempts in all; the delivery is marked failed after the last */
  maxAttempts: number;
};

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 10 };

/**
 * The wait after failed attempt number `attempt` (1-based): exponential `baseMs · 2^(attempt-1)`, capped at
 * `maxMs`, then "equal jitter" — half fixed, half random (`random` in [0, 1)) — so receivers recovering from an
 * outage are not hit by every sender at once. Null: no attempts left (the delivery fails).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** A receiver's answer that counts as delivered: any 2xx. */
export const isDelivered = (status: number): boolean => status >= 200 && status < 300;
