// Starts the alarm job in a serving process: every 30 s each process picks up rules changed elsewhere, and the
// process holding the lease escalates unacknowledged alarms and scans for offline stations (one at a time).
import { Cron } from 'croner';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { AlarmsService } from './alarms.service.ts';

export function startAlarmJobs(alarms: AlarmsService, log: Logger): { stop(): Promise<void> } {
  const job = new Cron('*/30 * * * * *', { protect: true, unref: true }, async () => {
    try {
      // every process: rules another process changed; the lease holder: escalation and the offline scan
      await alarms.refreshRules();
      await alarms.runJobs();
    } catch (error) {
      log.error({ err: error, job: 'alarms' }, 'alarm job failed');
    }
  });
  return {
    async stop() {
      job.stop();
      await alarms.idle();
    },
  };
}
