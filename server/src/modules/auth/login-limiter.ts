// Login rate limit: failed attempts per (client address, username) in a sliding window, in process memory.
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

export function createLoginLimiter(options: { maxFailures: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - options.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  }

  return {
    /** Milliseconds until another attempt is allowed, or 0. */
    retryAfterMs(key: string): number {
      const list = recent(key);
      if (list.length < options.maxFailures) return 0;
      return Math.max(1, (list[0] ?? now()) + options.windowMs - now());
    },
    fail(key: string): void {
      failures.set(key, [...recent(key), now()]);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}
