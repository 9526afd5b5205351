import { and, desc, eq, isNull } from 'drizzle-orm';
import { db, withTransaction } from '../db/client';
import { alerts, items, type Alert, type NewAlert } from '../db/schema';

export interface AlertView {
  id: string;
  itemId: string;
  sku: string;
  itemName: string;
  kind: Alert['kind'];
  message: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export async function listAlerts(shopId: string, openOnly: boolean, limit = 100): Promise<AlertView[]> {
  const conditions = [eq(alerts.shopId, shopId)];
  if (openOnly) conditions.push(isNull(alerts.acknowledgedAt));

  return db
    .select({
      id: alerts.id,
      itemId: alerts.itemId,
      sku: items.sku,
      itemName: items.name,
      kind: alerts.kind,
      message: alerts.message,
      createdAt: alerts.createdAt,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedBy: alerts.acknowledgedBy,
    })
    .from(alerts)
    .innerJoin(items, eq(items.id, alerts.itemId))
    .where(and(...conditions))
    .orderBy(desc(alerts.createdAt))
    .limit(limit);
}

/**
 * Inserts alerts, skipping any item that already has an open alert of the
 * same kind (partial unique index alerts_one_open_per_kind).
 */
export async function createAlerts(rows: NewAlert[]): Promise<Pick<Alert, 'id' | 'shopId' | 'itemId'>[]> {
  if (rows.length === 0) return [];
  return db
    .insert(alerts)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: alerts.id, shopId: alerts.shopId, itemId: alerts.itemId });
}

export async function acknowledgeAlert(alertId: string, actor: string): Promise<Alert | null> {
  return withTransaction(async (client) => {
    const { rows } = await client.query<Alert>(
      `UPDATE alerts
          SET acknowledged_at = now(), acknowledged_by = $2
        WHERE id = $1 AND acknowledged_at IS NULL
       RETURNING id, shop_id AS "shopId", item_id AS "itemId", kind, message,
                 created_at AS "createdAt", acknowledged_at AS "acknowledgedAt",
                 acknowledged_by AS "acknowledgedBy"`,
      [alertId, actor],
    );
    const alert = rows[0] ?? null;
    if (alert) {
      // Payload-less ping: open dashboards just refetch their alert list.
      await client.query('NOTIFY inventory_changes');
    }
    return alert;
  });
}
