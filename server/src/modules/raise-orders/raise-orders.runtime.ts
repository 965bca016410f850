// The scheduled 升温令 check in a serving process: every minute, the issued orders whose after window has ended
// get their compliance computed and stored (stable from then on).
import { Cron } from 'croner';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { RaiseOrdersService } from './raise-orders.service.ts';

export function startRaiseOrdersRuntime(raiseOrders: Pick<RaiseOrdersService, 'checkDue'>, log: Logger) {
  const job = new Cron('45 * * * * *', { protect: true, unref: true }, async () => {
    try {
      const checked = await raiseOrders.checkDue();
      if (checked > 0) log.info({ checked }, '升温令已核查 / raise orders checked');
    } catch (error) {
      log.error({ err: error, job: 'raise-orders-check' }, 'raise order check failed');
    }
  });
  return { close: () => job.stop() };
}
