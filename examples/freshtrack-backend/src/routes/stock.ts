import { Router } from 'express';
import { z } from 'zod';
import { asyncHandler, parse, requireAccount } from '../lib/http';
import { consumeStock, listMovements, receiveStock } from '../repositories/stockRepository';

const itemParams = z.object({ shopId: z.string().uuid(), itemId: z.string().uuid() });
const shopParams = z.object({ shopId: z.string().uuid() });

const consumeBody = z.object({
  quantity: z.number().int().positive().max(10_000),
  kind: z.enum(['sale', 'waste']),
  reason: z.string().trim().max(200).nullish(),
});

const receiveBody = z.object({
  quantity: z.number().int().positive().max(100_000),
  expiresAt: z.coerce.date().nullish(),
});

const movementsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.date().optional(),
});

/** Staff identity as forwarded by the gateway; falls back to the device id. */
function actorOf(headers: Record<string, string | string[] | undefined>): string {
  const user = headers['x-freshtrack-user'] ?? headers['x-device-id'];
  return (Array.isArray(user) ? user[0] : user) ?? 'unknown';
}

export function stockRouter(): Router {
  const router = Router();

  router.post(
    '/shops/:shopId/items/:itemId/consume',
    asyncHandler(async (req, res) => {
      const account = requireAccount(req);
      const { shopId, itemId } = parse(itemParams, req.params);
      const body = parse(consumeBody, req.body);
      const level = await consumeStock({
        accountId: account.id,
        shopId,
        itemId,
        quantity: body.quantity,
        kind: body.kind,
        reason: body.reason ?? null,
        actor: actorOf(req.headers),
      });
      res.json({ stock: level });
    }),
  );

  router.post(
    '/shops/:shopId/items/:itemId/receive',
    asyncHandler(async (req, res) => {
      const account = requireAccount(req);
      const { shopId, itemId } = parse(itemParams, req.params);
      const body = parse(receiveBody, req.body);
      const level = await receiveStock({
        accountId: account.id,
        shopId,
        itemId,
        quantity: body.quantity,
        expiresAt: body.expiresAt ?? null,
        actor: actorOf(req.headers),
      });
      res.json({ stock: level });
    }),
  );

  router.get(
    '/shops/:shopId/movements',
    asyncHandler(async (req, res) => {
      const { shopId } = parse(shopParams, req.params);
      const { limit, before } = parse(movementsQuery, req.query);
      const movements = await listMovements(shopId, limit, before);
      const last = movements[movements.length - 1];
      res.json({ movements, nextBefore: movements.length === limit && last ? last.created_at : null });
    }),
  );

  return router;
}
