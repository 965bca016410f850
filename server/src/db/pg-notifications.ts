// Messages between the Hearth processes that share one PostgreSQL database (LISTEN/NOTIFY), per schema, so a
// change made in one process (a device's credential revoked, say) takes effect in every other at once.
import pg from 'pg';

export type Notifications = {
  /** tells every process listening on `topic` (this one included) */
  notify(topic: string, payload: string): Promise<void>;
  /** calls `handler` with each payload published on `topic` from now on */
  listen(topic: string, handler: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
};

/** PostgreSQL channel names are identifiers of at most 63 bytes; the schema keeps test schemas apart. */
export const channelName = (schema: string, topic: string) =>
  `hearth_${schema}_${topic}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);

export function createPgNotifications(pool: pg.Pool, url: string, schema: string): Notifications {
  let listener: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  /** the connection that LISTENs, opened on first use and again (with every channel) after it is lost */
  function connection(): Promise<pg.Client> {
    if (listener) return Promise.resolve(listener);
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        for (const handler of handlers.get(n.channel) ?? []) handler(n.payload ?? '');
      });
      client.on('error', () => {
        listener = undefined;
        client.end().catch(() => undefined);
        if (!closed) setTimeout(() => void connection().catch(() => undefined), 1000).unref();
      });
      for (const channel of handlers.keys()) await client.query(`LISTEN ${channel}`);
      listener = client;
      return client;
    })().finally(() => (connecting = undefined));
    return connecting;
  }

  return {
    async notify(topic, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channelName(schema, topic), payload]);
    },
    async listen(topic, handler) {
      const channel = channelName(schema, topic);
      const known = handlers.has(channel);
      const set = handlers.get(channel) ?? new Set();
      set.add(handler);
      handlers.set(channel, set);
      const client = await connection();
      if (!known) await client.query(`LISTEN ${channel}`);
    },
    async close() {
      closed = true;
      await listener?.end();
      listener = undefined;
    },
  };
}
