// Starts what telemetry needs in a serving process: the ingest channel (embedded broker or external
// subscription) and the scheduled jobs (counter flush, rollups, raw retention); stops them in order.
import { Cron } from 'croner';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Container } from '../../container.ts';
import { startEmbeddedBroker } from './mqtt/embedded-broker.ts';
import { startExternalSubscriber } from './mqtt/external-subscriber.ts';

export type TelemetryRuntime = { mqttPort: number | null; close(): Promise<void> };

export async function startTelemetryRuntime(
  container: Container,
  config: Pick<Config, 'mqtt' | 'telemetry' | 'timeZone'>,
  log: Logger,
): Promise<TelemetryRuntime> {
  const { ingest, devices, telemetryStore: store, telemetryWriter: writer } = container;
  let mqttPort: number | null = null;
  let channel: { close(): Promise<void> };
  if (config.mqtt.url) {
    channel = await startExternalSubscriber({
      ...config.mqtt,
      url: config.mqtt.url,
      devices,
      ingest,
      brokerWatch: container.brokerWatch,
      log,
    });
  } else {
    try {
      const broker = await startEmbeddedBroker({
        host: config.mqtt.host,
        port: config.mqtt.port,
        maxPacketBytes: config.mqtt.maxPacketBytes,
        devices,
        ingest,
        log,
      });
      mqttPort = broker.port;
      channel = broker;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(
          `MQTT 端口 ${config.mqtt.port} 已被占用 / MQTT port ${config.mqtt.port} is in use: set HEARTH_MQTT_PORT, or HEARTH_MQTT_URL to use that broker`,
        );
      }
      throw error;
    }
  }

  const guarded = (name: string, work: () => Promise<unknown>) => async () => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error, job: name }, 'telemetry job failed');
    }
  };
  const jobs = [
    new Cron(
      '*/5 * * * * *',
      { protect: true, unref: true },
      guarded('flush-counters', () => ingest.flush()),
    ),
    new Cron(
      '15 * * * * *',
      { protect: true, unref: true },
      guarded('rollups', () => store.refreshRollups()),
    ),
    new Cron(
      '30 3 * * *',
      { protect: true, unref: true, timezone: config.timeZone },
      guarded('retention', () => store.purgeRaw(Date.now() - config.telemetry.retentionMs)),
    ),
  ];

  return {
    mqttPort,
    async close() {
      for (const job of jobs) job.stop();
      await channel.close();
      await writer.close();
      await ingest.flush();
      await store.refreshRollups();
      await store.close();
    },
  };
}
