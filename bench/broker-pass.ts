// Pass-through child of the broker path (e) of ingest.bench.ts, in a process of its own as Hearth would be: one
// MQTT 5 connection to the group's shared subscription that acknowledges every QoS 1 message at once and stores
// nothing — the broker's own ceiling. Prints READY once subscribed, DONE after `count` messages.
// argv: brokerUrl count
import pino from 'pino';
import { connectPipelined } from '../server/src/modules/ingest/mqtt/pipelined-connection.ts';

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg);
let received = 0;
const connection = await connectPipelined({
  url: url ?? '',
  clientId: `bench-pass-${process.pid}`,
  sessionExpirySeconds: 600,
  receiveMaximum: 1000,
  subscriptions: [{ topic: '$share/pass/hearth/v1/stations/+/telemetry', qos: 1 }],
  onMessage: async () => {
    if (++received === count) {
      console.log('DONE');
      setImmediate(() => void connection.close().then(() => process.exit(0)));
    }
  },
  log: pino({ level: 'warn' }),
});
console.log('READY');
