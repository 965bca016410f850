// Ingest from an external broker (Mosquitto, EMQX): persistent sessions on an MQTT shared subscription,
// so several Hearth processes split the load; many messages in flight per connection share the writer's
// commits, and each is acknowledged (PUBACK) only after its commit, in arrival order (pipelined-connection.ts).
// The broker authenticates devices and enforces their topic ACL (README); Hearth maps each topic to the
// registered device of that station or household.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { DevicesService } from '../../devices/devices.service.ts';
import type { IngestService } from '../ingest.service.ts';
import type { BrokerWatch } from './broker-watch.ts';
import { connectPipelined, type PipelinedConnection } from './pipelined-connection.ts';
import { INGEST_TOPICS, parseTopic } from './topics.ts';

export type ExternalSubscriber = {
  close(): Promise<void>;
  /** ends every connection as a crash of the process would (tests) */
  abort(): void;
};

export async function startExternalSubscriber(options: {
  url: string;
  /** shared-subscription group: processes in one group split the messages */
  group: string;
  /** stable client-id prefix: persistent sessions survive restarts of this process */
  clientId: string;
  /** parallel connections of this process */
  connections: number;
  /** QoS 1 messages in flight per connection (MQTT 5 Receive Maximum; default 1,000): they share commits */
  inFlight?: number;
  /**
   * largest packet this process takes (MQTT 5 Maximum Packet Size): the broker must not deliver a larger one
   * (it drops it for this subscriber); its own max_packet_size should refuse such a publish in the first place
   */
  maxPacketBytes?: number;
  devices: DevicesService;
  ingest: IngestService;
  /** reads the broker's $SYS counters (dropped messages), on the first connection */
  brokerWatch?: BrokerWatch;
  log: Logger;
}): Promise<ExternalSubscriber> {
  const { devices, ingest, log } = options;

  async function handle(topic: string, payload: Buffer): Promise<void> {
    const target = parseTopic(topic);
    if (!target) return; // not a telemetry topic of contract v1
    const device = await devices.identityForTarget(target.kind, target.code);
    if (!device) {
      log.warn(
        { topic },
        '未登记设备的主题，已转入异常数据 / no registered device for this topic; dead-lettered',
      );
      await ingest.rejectUnattributed('mqtt', target, payload.toString('utf8'));
      return;
    }
    await ingest.ingestMessage(device, payload, target);
  }

  const clients: PipelinedConnection[] = [];
  for (let i = 0; i < options.connections; i++) {
    const watch = i === 0 ? options.brokerWatch : undefined;
    clients.push(
      await connectPipelined({
        url: options.url,
        clientId: `${options.clientId}-${i}`,
        sessionExpirySeconds: 7 * 24 * 3600,
        receiveMaximum: options.inFlight ?? 1000,
        ...(options.maxPacketBytes ? { maxPacketBytes: options.maxPacketBytes } : {}),
        subscriptions: [
          ...INGEST_TOPICS.map((t) => ({ topic: `$share/${options.group}/${t}`, qos: 1 as const })),
          // QoS 0 and not shared: every process reads the counters; the database keeps one record of each drop
          ...(watch ? watch.topics.map((topic) => ({ topic, qos: 0 as const })) : []),
        ],
        onMessage: (topic, payload) =>
          topic.startsWith('$SYS/')
            ? (watch?.observe(topic, payload, log) ?? Promise.resolve())
            : handle(topic, payload),
        log,
      }),
    );
  }
  log.info(
    { url: options.url, group: options.group, connections: clients.length },
    '已订阅外部 MQTT 代理 / subscribed to the external broker',
  );
  return {
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
    abort() {
      for (const c of clients) c.abort();
    },
  };
}
