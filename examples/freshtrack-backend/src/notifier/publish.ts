import type { Queryable } from '../db/client';

export const INVENTORY_CHANNEL = 'inventory_changes';

// Postgres rejects NOTIFY payloads of 8000 bytes or more.
const MAX_PAYLOAD_BYTES = 7_900;

export type InventoryChangeKind = 'stock' | 'item' | 'alert';

export interface InventoryChange {
  accountId: string;
  shopId: string;
  kind: InventoryChangeKind;
  itemId?: string;
  quantity?: number;
  at: string;
}

/**
 * Publishes a change for dashboards. Subscribers LISTEN on inventory_changes
 * through InventoryNotifier. pg_notify() is transactional: when `db` is a
 * client inside BEGIN ... COMMIT the message is only delivered on COMMIT, and
 * dropped on ROLLBACK, which is exactly what the stock endpoints want.
 */
export async function publishInventoryChange(
  db: Queryable,
  change: Omit<InventoryChange, 'at'>,
): Promise<void> {
  const payload = JSON.stringify({ ...change, at: new Date().toISOString() });
  if (Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
    throw new Error(`inventory change payload too large (${payload.length} chars)`);
  }
  await db.query("SELECT pg_notify('inventory_changes', $1)", [payload]);
}
