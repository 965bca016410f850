// Imports running in the background: a job per upload, its phase and progress, polled by the console.
// Jobs live in the process that runs them (kept an hour after they end); two run at once at most per process.
import { randomUUID } from 'node:crypto';
import type { ImportJob } from '@hearth/contracts/stats';
import { DomainError } from '../../http/domain-error.ts';
import { CITY_MANAGERS, type Actor } from '../auth/actor.ts';
import type { ImportProgress } from './import.types.ts';

const KEEP_MS = 3_600_000;
const MAX_RUNNING = 2;

type Entry = { job: ImportJob; userId: number };

export function createImportJobs(deps: { now?: () => number } = {}) {
  const now = deps.now ?? Date.now;
  const jobs = new Map<string, Entry>();

  function prune(): void {
    for (const [id, { job }] of jobs)
      if (job.finishedAt !== null && Date.parse(job.finishedAt) + KEEP_MS < now()) jobs.delete(id);
  }

  const notFound = (id: string) =>
    new DomainError('import.job_not_found', 404, `导入任务不存在或已过期 / import job ${id} not found`);

  return {
    /** Starts `run` in the background and answers its job at once. */
    start(
      actor: Actor,
      entity: string,
      run: (progress: ImportProgress) => Promise<{ imported: number }>,
      onUnexpected: (error: unknown) => void = () => undefined,
    ): ImportJob {
      prune();
      const running = [...jobs.values()].filter((e) => e.job.state === 'running').length;
      if (running >= MAX_RUNNING)
        throw new DomainError(
          'import.busy',
          429,
          `已有 ${running} 个导入在进行，请稍后再试 / ${running} imports are running, try again shortly`,
        );
      const job: ImportJob = {
        id: randomUUID(),
        entity,
        state: 'running',
        phase: 'parsing',
        done: 0,
        total: 0,
        imported: null,
        error: null,
        startedAt: new Date(now()).toISOString(),
        finishedAt: null,
      };
      jobs.set(job.id, { job, userId: actor.userId });
      const progress: ImportProgress = (phase, done, total) => Object.assign(job, { phase, done, total });
      run(progress)
        .then(
          ({ imported }) => Object.assign(job, { state: 'succeeded', imported, done: job.total }),
          (error: unknown) => {
            if (!(error instanceof DomainError)) onUnexpected(error);
            Object.assign(job, {
              state: 'failed',
              error:
                error instanceof DomainError
                  ? {
                      code: error.code,
                      message: error.message,
                      ...(error.details ? { details: error.details } : {}),
                    }
                  : { code: 'internal', message: '服务器内部错误 / internal error' },
            });
          },
        )
        .finally(() => {
          job.finishedAt = new Date(now()).toISOString();
        });
      return { ...job };
    },

    /** The job as it stands; only its starter and city managers see it. */
    get(actor: Actor, id: string): ImportJob {
      prune();
      const entry = jobs.get(id);
      if (!entry || (entry.userId !== actor.userId && !CITY_MANAGERS.includes(actor.role)))
        throw notFound(id);
      return { ...entry.job };
    },
  };
}
export type ImportJobs = ReturnType<typeof createImportJobs>;
