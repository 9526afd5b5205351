import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { db, pool } from '../db/client';
import { items, shops, type NewAlert } from '../db/schema';
import { publishInventoryChange } from '../notifier/publish';
import { createAlerts } from '../repositories/alertRepository';
import type { JobContext } from './runner';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryScanResult {
  candidates: number;
  created: number;
  shopsNotified: number;
}

function describe(name: string, expiresAt: Date, now: Date): string {
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
  if (days < 0) return `${name} passed its date ${-days} day(s) ago`;
  if (days === 0) return `${name} expires today`;
  return `${name} expires in ${days} day(s)`;
}

/**
 * Raises "expiring" / "expired" alerts for stock on the shelf. Runs across
 * all accounts; duplicate open alerts are absorbed by the partial unique index.
 */
export async function runExpiryScan(ctx: JobContext, warningDays: number): Promise<ExpiryScanResult> {
  const now = new Date();
  const cutoff = new Date(now.getTime() + warningDays * DAY_MS);

  const candidates = await db
    .select({
      itemId: items.id,
      shopId: items.shopId,
      accountId: shops.accountId,
      name: items.name,
      expiresAt: items.expiresAt,
    })
    .from(items)
    .innerJoin(shops, eq(shops.id, items.shopId))
    .where(and(lt(items.expiresAt, cutoff), gt(items.quantity, 0), isNull(items.archivedAt)));

  const accountByShop = new Map<string, string>();
  const pending: NewAlert[] = [];
  for (const c of candidates) {
    if (!c.expiresAt) continue;
    accountByShop.set(c.shopId, c.accountId);
    pending.push({
      shopId: c.shopId,
      itemId: c.itemId,
      kind: c.expiresAt < now ? 'expired' : 'expiring',
      message: describe(c.name, c.expiresAt, now),
    });
  }

  if (ctx.signal.aborted) {
    ctx.log.warn('expiry scan aborted before writing alerts');
    return { candidates: candidates.length, created: 0, shopsNotified: 0 };
  }

  const created = await createAlerts(pending);

  // One ping per shop is enough; dashboards refetch the whole alert list.
  const touchedShops = new Set<string>();
  for (const alert of created) touchedShops.add(alert.shopId);

  for (const shopId of touchedShops) {
    const accountId = accountByShop.get(shopId);
    if (!accountId) continue;
    await publishInventoryChange(pool, { accountId, shopId, kind: 'alert' });
  }

  const result = { candidates: candidates.length, created: created.length, shopsNotified: touchedShops.size };
  ctx.log.info('expiry scan complete', { ...result });
  return result;
}
