// Ingest from an external broker (Mosquitto, EMQX): persistent sessions on an MQTT shared subscription,
// so several Hearth processes split the load; each message is acknowledged (PUBACK) only after commit.
// The broker authenticates devices and enforces their topic ACL (README); Hearth maps each topic to the
// registered device of that station or household.
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { DevicesService } from '../../devices/devices.service.ts';
import type { IngestService } from '../ingest.service.ts';
import type { BrokerWatch } from './broker-watch.ts';
import { INGEST_TOPICS, parseTopic } from './topics.ts';

export type ExternalSubscriber = { close(): Promise<void> };

export async function startExternalSubscriber(options: {
  url: string;
  /** shared-subscription group: processes in one group split the messages */
  group: string;
  /** stable client-id prefix: persistent sessions survive restarts of this process */
  clientId: string;
  /** parallel connections of this process (messages in flight share a commit) */
  connections: number;
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

  const clients: MqttClient[] = [];
  for (let i = 0; i < options.connections; i++) {
    const client = mqtt.connect(options.url, {
      clientId: `${options.clientId}-${i}`,
      clean: false,
      protocolVersion: 5,
      properties: {
        sessionExpiryInterval: 7 * 24 * 3600,
        ...(options.maxPacketBytes ? { maximumPacketSize: options.maxPacketBytes } : {}),
      },
      reconnectPeriod: 1000,
      customHandleAcks: (topic, message, _packet, done) => {
        handle(topic, message).then(
          () => done(0),
          (error: unknown) => {
            // No PUBACK: drop the connection so the broker redelivers the message to the session.
            log.error({ err: error, topic }, 'telemetry storage failed; message left unacknowledged');
            client.stream.destroy();
          },
        );
      },
    });
    client.on('error', (error) => log.error({ err: error }, 'MQTT 外部代理连接错误 / external broker error'));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(
      INGEST_TOPICS.map((t) => `$share/${options.group}/${t}`),
      { qos: 1 },
    );
    const watch = options.brokerWatch;
    if (watch && i === 0) {
      // QoS 0 and not shared: every process reads the counters; the database keeps one record of each drop
      client.on('message', (topic, payload) => {
        if (topic.startsWith('$SYS/')) void watch.observe(topic, payload, log);
      });
      await client.subscribeAsync(watch.topics, { qos: 0 });
    }
    clients.push(client);
  }
  log.info(
    { url: options.url, group: options.group, connections: clients.length },
    '已订阅外部 MQTT 代理 / subscribed to the external broker',
  );
  return {
    async close() {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
