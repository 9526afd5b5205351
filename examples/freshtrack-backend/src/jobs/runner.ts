import type { PoolClient } from 'pg';
import { pool } from '../db/client';
import { errorFields, logger, type Logger } from '../lib/logger';

export interface JobContext {
  signal: AbortSignal;
  log: Logger;
}

export interface JobDefinition {
  name: string;
  /** Key for the cluster-wide lock that keeps API instances from running the job twice. */
  lockKey: number;
  intervalMs: number;
  run: (ctx: JobContext) => Promise<void>;
}

// 0x4654 = "FT". One key per job, never reused.
export const JOB_LOCKS = {
  expiryScan: 0x46540001,
  nightlyReport: 0x46540002,
} as const;

const START_JITTER_MS = 10_000;

/**
 * Runs periodic jobs inside the API process. Every instance schedules every
 * job; a Postgres advisory lock plus the job_runs table make sure each run
 * happens once across the fleet.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly inFlight = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly abort = new AbortController();

  register(job: JobDefinition): this {
    if (this.jobs.has(job.name)) {
      throw new Error(`job "${job.name}" registered twice`);
    }
    this.jobs.set(job.name, job);
    return this;
  }

  start(): void {
    for (const job of this.jobs.values()) {
      const first = setTimeout(() => void this.execute(job), Math.random() * START_JITTER_MS);
      const every = setInterval(() => void this.execute(job), job.intervalMs);
      first.unref();
      every.unref();
      this.timers.push(first, every);
    }
    logger.info('job runner started', { jobs: [...this.jobs.keys()] });
  }

  async stop(graceMs: number): Promise<void> {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.length = 0;
    this.abort.abort();

    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (this.inFlight.size > 0) {
      logger.warn('jobs still running at shutdown', { jobs: [...this.inFlight] });
    }
  }

  private async execute(job: JobDefinition): Promise<void> {
    if (this.inFlight.has(job.name) || this.abort.signal.aborted) return;
    this.inFlight.add(job.name);

    const log = logger.child({ job: job.name });
    let client: PoolClient | undefined;
    let locked = false;

    try {
      client = await pool.connect();
      // Instances queue up here; whoever gets the lock second sees the fresh
      // job_runs row below and skips.
      await client.query('SELECT pg_advisory_lock($1)', [job.lockKey]);
      locked = true;

      if (await this.ranRecently(client, job)) {
        log.debug('skipping, another instance ran it recently');
        return;
      }

      const startedAt = new Date();
      log.info('job started');
      await job.run({ signal: this.abort.signal, log });
      await this.recordRun(client, job.name, startedAt);
      log.info('job finished', { durationMs: Date.now() - startedAt.getTime() });
    } catch (err) {
      log.error('job failed', errorFields(err));
    } finally {
      if (client) {
        if (locked) {
          await client.query('SELECT pg_advisory_unlock($1)', [job.lockKey]).catch((err: unknown) => {
            log.warn('could not release job lock', errorFields(err));
          });
        }
        client.release();
      }
      this.inFlight.delete(job.name);
    }
  }

  private async ranRecently(client: PoolClient, job: JobDefinition): Promise<boolean> {
    const { rows } = await client.query<{ finished_at: Date }>(
      'SELECT finished_at FROM public.job_runs WHERE job_name = $1',
      [job.name],
    );
    const last = rows[0]?.finished_at;
    // 10% slack so that timer drift between instances does not skip a run.
    return last !== undefined && Date.now() - last.getTime() < job.intervalMs * 0.9;
  }

  private async recordRun(client: PoolClient, jobName: string, startedAt: Date): Promise<void> {
    await client.query(
      `INSERT INTO public.job_runs AS jr (job_name, started_at, finished_at, runs)
       VALUES ($1, $2, now(), 1)
       ON CONFLICT (job_name) DO UPDATE
         SET started_at = EXCLUDED.started_at,
             finished_at = EXCLUDED.finished_at,
             runs = jr.runs + 1`,
      [jobName, startedAt],
    );
  }
}
