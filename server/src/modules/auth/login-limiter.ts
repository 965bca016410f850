// Login rate limit: failed logins per client+username and per username in sliding windows, kept in the database.
import net from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';

/** Who tries which account: the client address (request.ip, see HEARTH_TRUST_PROXY) and the username typed. */
export type LoginAttempt = { client: string; username: string };

export type LoginLimiter = {
  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfterMs(attempt: LoginAttempt): Promise<number>;
  fail(attempt: LoginAttempt): Promise<void>;
  /** A successful login forgets this client's failures on the account. */
  succeed(attempt: LoginAttempt): Promise<void>;
};

export type LoginLimit = { maxFailures: number; windowMs: number };
export type LoginLimits = {
  /** one client guessing one account */
  perClient: LoginLimit;
  /** one account guessed from anywhere (many addresses): a higher threshold, the account then waits too */
  perUsername: LoginLimit;
};

export const LOGIN_LIMITS: LoginLimits = {
  perClient: { maxFailures: 10, windowMs: 15 * 60_000 },
  perUsername: { maxFailures: 30, windowMs: 15 * 60_000 },
};

/** Rows older than every window are deleted at most this often per process (on a failure). */
const PRUNE_EVERY_MS = 60_000;

/**
 * The address a client is counted by: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 — one host usually
 * holds a whole /64, so counting single IPv6 addresses would give it 2^64 fresh counters.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (net.isIPv6(ip)) {
    const [head = '', tail] = (ip.toLowerCase().split('%')[0] ?? '').split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === undefined || tail === '' ? [] : tail.split(':');
    // a trailing dotted IPv4 part stands for two groups
    const width = (parts: string[]) => parts.length + (parts.at(-1)?.includes('.') ? 1 : 0);
    const zeros = tail === undefined ? [] : Array<string>(8 - width(left) - width(right)).fill('0');
    const prefix = [...left, ...zeros, ...right].slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
    return `${prefix.join(':')}::/64`;
  }
  return ip;
}

export function createLoginLimiter(deps: {
  db: Kysely<Database>;
  limits?: LoginLimits;
  now?: () => number;
}): LoginLimiter {
  const { db } = deps;
  const limits = deps.limits ?? LOGIN_LIMITS;
  const now = deps.now ?? Date.now;
  const keep = Math.max(limits.perClient.windowMs, limits.perUsername.windowMs);
  let prunedAt = 0;

  const normalise = (a: LoginAttempt) => ({
    client: clientKey(a.client),
    username: a.username.toLowerCase(),
  });

  /** The wait until fewer than `max` failures remain in the window: when the max-th newest one leaves it. */
  async function waitFor(limit: LoginLimit, username: string, client: string | null): Promise<number> {
    const t = now();
    let query = db
      .selectFrom('loginFailures')
      .select('at')
      .where('username', '=', username)
      .where('at', '>', new Date(t - limit.windowMs).toISOString());
    if (client !== null) query = query.where('client', '=', client);
    const row = await query
      .orderBy('at', 'desc')
      .limit(1)
      .offset(limit.maxFailures - 1)
      .executeTakeFirst();
    return row ? Math.max(1, Date.parse(toIso(row.at)) + limit.windowMs - t) : 0;
  }

  return {
    async retryAfterMs(attempt) {
      const { client, username } = normalise(attempt);
      const [perClient, perUsername] = await Promise.all([
        waitFor(limits.perClient, username, client),
        waitFor(limits.perUsername, username, null),
      ]);
      return Math.max(perClient, perUsername);
    },

    async fail(attempt) {
      const { client, username } = normalise(attempt);
      const t = now();
      await db
        .insertInto('loginFailures')
        .values({ username, client, at: new Date(t).toISOString() })
        .execute();
      if (t - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = t;
        await db
          .deleteFrom('loginFailures')
          .where('at', '<=', new Date(t - keep).toISOString())
          .execute();
      }
    },

    async succeed(attempt) {
      const { client, username } = normalise(attempt);
      await db
        .deleteFrom('loginFailures')
        .where('username', '=', username)
        .where('client', '=', client)
        .execute();
    },
  };
}
