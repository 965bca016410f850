// Loss at the external broker is never silent: Hearth reads the broker's own $SYS counters (Mosquitto) and keeps
// them in the database, so every process shows the same figures; when the dropped-messages counter moves, the
// drop is recorded once (compare-and-set) as a dead letter `broker.dropped` on 异常数据, and logged.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { BrokerStatus } from '@hearth/contracts/telemetry';
import { toIso } from '../../../db/schema.ts';
import type { IngestRepository } from '../ingest.repository.ts';
import { counterValue, droppedSince } from './broker-watch.rules.ts';

/** The $SYS topics read, by counter name. */
export const BROKER_SYS_TOPICS = {
  dropped: '$SYS/broker/publish/messages/dropped',
  queued: '$SYS/broker/store/messages/count',
  clients: '$SYS/broker/clients/connected',
} as const;
type CounterName = keyof typeof BROKER_SYS_TOPICS;
const BY_TOPIC = new Map<string, CounterName>(
  Object.entries(BROKER_SYS_TOPICS).map(([name, topic]) => [topic, name as CounterName]),
);

export function createBrokerWatch(deps: {
  repo: IngestRepository;
  mode: 'embedded' | 'external';
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  // one observation at a time: each reads the counter the one before wrote
  let queue: Promise<void> = Promise.resolve();

  async function recordDropped(seen: number, log?: Logger): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = (await deps.repo.brokerCounters()).find((r) => r.name === 'dropped');
      const recorded = row ? Number(row.value) : null;
      const delta = droppedSince(recorded, seen);
      const at = new Date(now()).toISOString();
      if (delta === 0 && recorded !== null) {
        await deps.repo.observeBrokerCounter('dropped', recorded, at);
        return;
      }
      if (!(await deps.repo.swapBrokerCounter('dropped', recorded, seen, at))) continue; // another process did
      if (delta === 0) return;
      log?.error(
        { dropped: delta, total: seen },
        'MQTT 代理丢弃了已确认的消息 / the broker dropped messages it had acknowledged to devices',
      );
      await deps.repo.insertDeadLetters([
        {
          at,
          channel: 'mqtt',
          deviceId: null,
          enterpriseId: null,
          target: null,
          code: 'broker.dropped',
          reason: `MQTT 代理丢弃了 ${delta} 条已向设备确认的消息（累计 ${seen} 条）：检查代理的队列上限 max_queued_messages / max_queued_bytes / the broker dropped ${delta} messages it had acknowledged (${seen} in all): check its queue limits`,
          payload: JSON.stringify({ dropped: delta, total: seen }),
        },
      ]);
      return;
    }
  }

  return {
    topics: Object.values(BROKER_SYS_TOPICS),

    /** A $SYS message from the broker (other topics are ignored). */
    observe(topic: string, payload: Buffer, log?: Logger): Promise<void> {
      const name = BY_TOPIC.get(topic);
      const value = counterValue(payload);
      if (name === undefined || value === undefined) return Promise.resolve();
      const at = new Date(now()).toISOString();
      queue = queue
        .then(() =>
          name === 'dropped' ? recordDropped(value, log) : deps.repo.observeBrokerCounter(name, value, at),
        )
        .catch((error: unknown) => log?.error({ err: error }, 'broker counters not recorded'));
      return queue;
    },

    /** The broker's counters as last seen by any process (null: never seen, or the embedded broker). */
    async status(): Promise<BrokerStatus> {
      const rows = new Map((await deps.repo.brokerCounters()).map((r) => [r.name, r]));
      const value = (name: CounterName) => {
        const row = rows.get(name);
        return row ? Number(row.value) : null;
      };
      const dropped = rows.get('dropped');
      const observed =
        [...rows.values()]
          .map((r) => toIso(r.observedAt))
          .sort()
          .at(-1) ?? null;
      return {
        mode: deps.mode,
        dropped: value('dropped'),
        lastDropAt: dropped && Number(dropped.value) > 0 ? toIso(dropped.changedAt) : null,
        queued: value('queued'),
        clients: value('clients'),
        observedAt: observed,
      };
    },
  };
}
export type BrokerWatch = ReturnType<typeof createBrokerWatch>;
