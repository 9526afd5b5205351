import { Router, type Response } from 'express';
import { z } from 'zod';
import { asyncHandler, HttpError, parse, requireAccount } from '../lib/http';
import { logger } from '../lib/logger';
import type { InventoryNotifier } from '../notifier/inventoryNotifier';
import type { InventoryChange } from '../notifier/publish';
import { acknowledgeAlert, listAlerts } from '../repositories/alertRepository';

const KEEP_ALIVE_MS = 25_000;

const shopParams = z.object({ shopId: z.string().uuid() });
const alertParams = z.object({ alertId: z.string().uuid() });
const listQuery = z.object({
  open: z.enum(['true', 'false']).default('true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const ackBody = z.object({ by: z.string().trim().min(1).max(80) });

function sendEvent(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function alertsRouter(notifier: InventoryNotifier): Router {
  const router = Router();

  router.get(
    '/shops/:shopId/alerts',
    asyncHandler(async (req, res) => {
      const { shopId } = parse(shopParams, req.params);
      const { open, limit } = parse(listQuery, req.query);
      res.json({ alerts: await listAlerts(shopId, open === 'true', limit) });
    }),
  );

  router.post(
    '/alerts/:alertId/ack',
    asyncHandler(async (req, res) => {
      const { alertId } = parse(alertParams, req.params);
      const { by } = parse(ackBody, req.body);
      const alert = await acknowledgeAlert(alertId, by);
      if (!alert) throw new HttpError(404, 'alert_not_found', 'Alert does not exist or is already acknowledged');
      res.json({ alert });
    }),
  );

  // Server-sent events for the back-office dashboard.
  router.get('/alerts/stream', (req, res) => {
    const account = requireAccount(req);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    sendEvent(res, 'hello', { account: account.slug, live: notifier.connected });

    const onChange = (change: InventoryChange): void => {
      if (change.accountId === account.id) sendEvent(res, 'change', change);
    };
    const onRefresh = (): void => sendEvent(res, 'refresh', {});
    notifier.on('change', onChange);
    notifier.on('refresh', onRefresh);

    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      notifier.off('change', onChange);
      notifier.off('refresh', onRefresh);
      logger.debug('alert stream closed', { account: account.slug });
    });
  });

  return router;
}
