import express from 'express';
import { config } from './config';
import { checkDatabase, closeDatabase } from './db/client';
import { runExpiryScan } from './jobs/expiryScan';
import { runNightlyReport } from './jobs/nightlyReport';
import { JOB_LOCKS, JobRunner } from './jobs/runner';
import { errorHandler, notFound } from './lib/http';
import { errorFields, logger } from './lib/logger';
import { tenantContext } from './middleware/tenant';
import { InventoryNotifier } from './notifier/inventoryNotifier';
import { alertsRouter } from './routes/alerts';
import { itemsRouter } from './routes/items';
import { stockRouter } from './routes/stock';

const HOUR_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  await checkDatabase();

  const notifier = new InventoryNotifier();
  await notifier.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.use(express.json({ limit: '256kb' }));

  app.get('/healthz', async (_req, res) => {
    try {
      await checkDatabase();
      res.json({ status: 'ok', notifier: notifier.connected ? 'up' : 'reconnecting' });
    } catch (err) {
      logger.warn('health check failed', errorFields(err));
      res.status(503).json({ status: 'degraded' });
    }
  });

  const api = express.Router();
  api.use(tenantContext());
  api.use(itemsRouter());
  api.use(stockRouter());
  api.use(alertsRouter(notifier));
  app.use('/api/v1', api);
  app.use(notFound);
  app.use(errorHandler);

  const runner = new JobRunner()
    .register({
      name: 'expiry-scan',
      lockKey: JOB_LOCKS.expiryScan,
      intervalMs: config.EXPIRY_SCAN_INTERVAL_MINUTES * 60_000,
      run: async (ctx) => {
        await runExpiryScan(ctx, config.EXPIRY_WARNING_DAYS);
      },
    })
    .register({
      name: 'nightly-report',
      lockKey: JOB_LOCKS.nightlyReport,
      intervalMs: HOUR_MS,
      run: async (ctx) => {
        await runNightlyReport(ctx, config.REPORT_OUTPUT_DIR);
      },
    });
  if (config.RUN_JOBS) runner.start();

  const server = app.listen(config.PORT, () => {
    logger.info('freshtrack api listening', { port: config.PORT, env: config.NODE_ENV });
  });

  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down', { signal });

    server.close();
    await runner.stop(config.SHUTDOWN_GRACE_MS);
    await notifier.stop();
    await closeDatabase();
    process.exit(0);
  };

  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

main().catch((err: unknown) => {
  logger.error('startup failed', errorFields(err));
  process.exit(1);
});
