import type { PoolClient } from 'pg';
import { pool } from '../db/client';
import type { MovementKind } from '../db/schema';
import { HttpError } from '../lib/http';
import { errorFields, logger } from '../lib/logger';
import { publishInventoryChange } from '../notifier/publish';

export interface StockLevel {
  itemId: string;
  sku: string;
  name: string;
  quantity: number;
  reorderLevel: number | null;
  expiresAt: Date | null;
}

export interface ConsumeInput {
  accountId: string;
  shopId: string;
  itemId: string;
  quantity: number;
  kind: Extract<MovementKind, 'sale' | 'waste'>;
  reason: string | null;
  actor: string;
}

export interface ReceiveInput {
  accountId: string;
  shopId: string;
  itemId: string;
  quantity: number;
  expiresAt: Date | null;
  actor: string;
}

export interface MovementRow {
  id: number;
  item_id: string;
  sku: string;
  kind: MovementKind;
  quantity_delta: number;
  reason: string | null;
  created_by: string;
  created_at: Date;
}

interface StockRow {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  reorder_level: number | null;
  expires_at: Date | null;
}

/*
 * Every shop-scoped write goes through withShopTransaction(). The shop is
 * bound for the stock_movements RLS policy with a transaction-local
 * set_config(), and there is no SET search_path here: the tenant middleware
 * owns the account schema.
 */
async function withShopTransaction<T>(shopId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL statement_timeout = '5s'");
    await client.query("SELECT set_config('app.current_shop', $1, true)", [shopId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
      logger.warn('rollback failed', errorFields(rollbackErr));
    });
    throw err;
  } finally {
    client.release();
  }
}

/** 32-bit FNV-1a of the item id; a collision only means two items serialise. */
function itemLockKey(itemId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < itemId.length; i += 1) {
    hash ^= itemId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

function toStockLevel(row: StockRow): StockLevel {
  return {
    itemId: row.id,
    sku: row.sku,
    name: row.name,
    quantity: row.quantity,
    reorderLevel: row.reorder_level,
    expiresAt: row.expires_at,
  };
}

async function raiseLowStockAlert(client: PoolClient, shopId: string, level: StockLevel): Promise<void> {
  if (level.reorderLevel === null || level.quantity > level.reorderLevel) return;
  await client.query(
    `INSERT INTO alerts (shop_id, item_id, kind, message)
     VALUES ($1, $2, 'low_stock', $3)
     ON CONFLICT (item_id, kind) WHERE acknowledged_at IS NULL DO NOTHING`,
    [shopId, level.itemId, `${level.name} is down to ${level.quantity} (reorder at ${level.reorderLevel})`],
  );
}

/** Records a sale or waste and decrements the shelf quantity. */
export async function consumeStock(input: ConsumeInput): Promise<StockLevel> {
  return withShopTransaction(input.shopId, async (client) => {
    // Serialise with receiveStock() for the same item. Transaction-scoped on
    // purpose: unlike pg_advisory_lock, this one is released at COMMIT/ROLLBACK.
    await client.query('SELECT pg_advisory_xact_lock($1)', [itemLockKey(input.itemId)]);

    const updated = await client.query<StockRow>(
      `UPDATE items SET quantity = quantity - $1 WHERE id = $2 AND shop_id = $3 AND quantity >= $1
       RETURNING id, sku, name, quantity, reorder_level, expires_at`,
      [input.quantity, input.itemId, input.shopId],
    );

    const row = updated.rows[0];
    if (!row) {
      const exists = await client.query('SELECT quantity FROM items WHERE id = $1 AND shop_id = $2', [
        input.itemId,
        input.shopId,
      ]);
      if (exists.rowCount === 0) {
        throw new HttpError(404, 'item_not_found', 'No such item in this shop');
      }
      throw new HttpError(409, 'insufficient_stock', 'Not enough stock on the shelf', {
        onShelf: exists.rows[0]?.quantity,
        requested: input.quantity,
      });
    }

    await client.query(
      `INSERT INTO stock_movements (item_id, kind, quantity_delta, reason, created_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [input.itemId, input.kind, -input.quantity, input.reason, input.actor],
    );

    const level = toStockLevel(row);
    await raiseLowStockAlert(client, input.shopId, level);
    await publishInventoryChange(client, {
      accountId: input.accountId,
      shopId: input.shopId,
      itemId: input.itemId,
      kind: 'stock',
      quantity: level.quantity,
    });
    return level;
  });
}

/** Books a delivery onto an existing product line. */
export async function receiveStock(input: ReceiveInput): Promise<StockLevel> {
  return withShopTransaction(input.shopId, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [itemLockKey(input.itemId)]);

    const updated = await client.query<StockRow>(
      `UPDATE items
          SET quantity = quantity + $1,
              expires_at = CASE WHEN quantity = 0 THEN $4::timestamptz
                                ELSE LEAST(expires_at, $4::timestamptz) END,
              archived_at = NULL,
              updated_at = now()
        WHERE id = $2 AND shop_id = $3
       RETURNING id, sku, name, quantity, reorder_level, expires_at`,
      [input.quantity, input.itemId, input.shopId, input.expiresAt],
    );
    const row = updated.rows[0];
    if (!row) {
      throw new HttpError(404, 'item_not_found', 'No such item in this shop');
    }

    await client.query(
      `INSERT INTO stock_movements (item_id, kind, quantity_delta, created_by)
       VALUES ($1, 'receive', $2, $3)`,
      [input.itemId, input.quantity, input.actor],
    );

    const level = toStockLevel(row);
    await publishInventoryChange(client, {
      accountId: input.accountId,
      shopId: input.shopId,
      itemId: input.itemId,
      kind: 'stock',
      quantity: level.quantity,
    });
    return level;
  });
}

export async function listMovements(shopId: string, limit: number, before?: Date): Promise<MovementRow[]> {
  return withShopTransaction(shopId, async (client) => {
    const { rows } = await client.query<MovementRow>(
      `SELECT m.id, m.item_id, i.sku, m.kind, m.quantity_delta, m.reason, m.created_by, m.created_at
         FROM stock_movements m
         JOIN items i ON i.id = m.item_id
        WHERE ($2::timestamptz IS NULL OR m.created_at < $2)
        ORDER BY m.created_at DESC
        LIMIT $1`,
      [limit, before ?? null],
    );
    return rows;
  });
}
