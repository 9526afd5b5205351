import { Router } from 'express';
import { z } from 'zod';
import { asyncHandler, HttpError, parse, requireAccount } from '../lib/http';
import {
  archiveItem,
  findExpiringItems,
  getItem,
  listItemsForShop,
  upsertItem,
} from '../repositories/itemRepository';

const DAY_MS = 24 * 60 * 60 * 1000;

const shopParams = z.object({ shopId: z.string().uuid() });
const itemParams = shopParams.extend({ itemId: z.string().uuid() });

const upsertBody = z.object({
  sku: z.string().regex(/^[A-Z0-9]{2,6}-[A-Z0-9-]{2,40}$/, 'SKU must look like KX-OAT-1L'),
  name: z.string().trim().min(1).max(120),
  category: z.string().trim().max(60).nullish(),
  unit: z.enum(['each', 'kg', 'g', 'l', 'ml', 'pack', 'carton', 'bunch']).default('each'),
  quantity: z.number().int().min(0).max(100_000),
  reorderLevel: z.number().int().min(0).nullish(),
  unitCost: z
    .string()
    .regex(/^\d{1,8}(\.\d{1,2})?$/)
    .nullish(),
  expiresAt: z.coerce.date().nullish(),
});

const expiringQuery = z.object({
  withinDays: z.coerce.number().int().min(0).max(30).default(2),
});

export function itemsRouter(): Router {
  const router = Router();

  router.get(
    '/shops/:shopId/items',
    asyncHandler(async (req, res) => {
      const { shopId } = parse(shopParams, req.params);
      const rows = await listItemsForShop(shopId);
      res.json({ items: rows });
    }),
  );

  router.get(
    '/shops/:shopId/items/:itemId',
    asyncHandler(async (req, res) => {
      const { shopId, itemId } = parse(itemParams, req.params);
      const item = await getItem(shopId, itemId);
      if (!item) throw new HttpError(404, 'item_not_found', 'No such item in this shop');
      res.json({ item });
    }),
  );

  // Used by the delivery-note scanner: creates the line or tops it up.
  router.put(
    '/shops/:shopId/items',
    asyncHandler(async (req, res) => {
      const { shopId } = parse(shopParams, req.params);
      const body = parse(upsertBody, req.body);
      if (body.expiresAt && body.expiresAt.getTime() < Date.now() - DAY_MS) {
        throw new HttpError(422, 'already_expired', 'Refusing to book stock that expired yesterday or earlier');
      }
      const item = await upsertItem({
        shopId,
        sku: body.sku,
        name: body.name,
        category: body.category ?? null,
        unit: body.unit,
        quantity: body.quantity,
        reorderLevel: body.reorderLevel ?? null,
        unitCost: body.unitCost ?? null,
        expiresAt: body.expiresAt ?? null,
      });
      res.status(200).json({ item });
    }),
  );

  router.delete(
    '/shops/:shopId/items/:itemId',
    asyncHandler(async (req, res) => {
      const { shopId, itemId } = parse(itemParams, req.params);
      const archived = await archiveItem(shopId, itemId);
      if (!archived) throw new HttpError(404, 'item_not_found', 'No such item in this shop');
      res.status(204).end();
    }),
  );

  // The morning pull list: everything across the account's shops that goes off soon.
  router.get(
    '/items/expiring',
    asyncHandler(async (req, res) => {
      const account = requireAccount(req);
      const { withinDays } = parse(expiringQuery, req.query);
      const cutoff = new Date(Date.now() + withinDays * DAY_MS);
      const rows = await findExpiringItems(cutoff);
      res.json({ account: account.slug, cutoff: cutoff.toISOString(), items: rows });
    }),
  );

  return router;
}
