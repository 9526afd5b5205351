import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db, pool } from '../db/client';
import { items, type Item } from '../db/schema';

export interface ExpiringItem {
  id: string;
  shopId: string;
  shopName: string;
  sku: string;
  name: string;
  quantity: number;
  unit: string;
  expiresAt: Date;
}

interface ExpiringItemRow {
  id: string;
  shop_id: string;
  shop_name: string;
  sku: string;
  name: string;
  quantity: number;
  unit: string;
  expires_at: Date;
}

export interface UpsertItemInput {
  shopId: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  quantity: number;
  reorderLevel: number | null;
  unitCost: string | null;
  expiresAt: Date | null;
}

// The shelf listing is the hottest query in the app (every handheld polls
// it), so it is prepared once per process and reused.
const itemsByShop = db
  .select()
  .from(items)
  .where(and(eq(items.shopId, sql.placeholder('shopId')), isNull(items.archivedAt)))
  .orderBy(asc(items.expiresAt), asc(items.name))
  .prepare('items_by_shop');

export async function listItemsForShop(shopId: string): Promise<Item[]> {
  return itemsByShop.execute({ shopId });
}

export async function getItem(shopId: string, itemId: string): Promise<Item | undefined> {
  const [row] = await db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.shopId, shopId)))
    .limit(1);
  return row;
}

/**
 * Everything still on a shelf that goes off before `cutoff`, across all of
 * the caller's shops. Backs GET /items/expiring (the morning "pull list").
 */
export async function findExpiringItems(cutoff: Date): Promise<ExpiringItem[]> {
  const result = await pool.query<ExpiringItemRow>({
    name: 'fetch-expiring-items',
    text: `SELECT i.id, i.shop_id, s.name AS shop_name, i.sku, i.name, i.quantity, i.unit, i.expires_at
             FROM items i
             JOIN shops s ON s.id = i.shop_id
            WHERE i.expires_at < $1
              AND i.quantity > 0
              AND i.archived_at IS NULL
            ORDER BY i.expires_at, s.name, i.name`,
    values: [cutoff],
  });

  return result.rows.map((row) => ({
    id: row.id,
    shopId: row.shop_id,
    shopName: row.shop_name,
    sku: row.sku,
    name: row.name,
    quantity: row.quantity,
    unit: row.unit,
    expiresAt: row.expires_at,
  }));
}

/**
 * Creates a product line, or merges a delivery note line into an existing
 * one with the same SKU: quantities add up and the earliest best-before
 * date wins.
 */
export async function upsertItem(input: UpsertItemInput): Promise<Item> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `INSERT INTO items (shop_id, sku, name, category, unit, quantity, reorder_level, unit_cost, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (sku) DO UPDATE SET
       name = EXCLUDED.name,
       category = COALESCE(EXCLUDED.category, items.category),
       unit = EXCLUDED.unit,
       quantity = items.quantity + EXCLUDED.quantity,
       reorder_level = COALESCE(EXCLUDED.reorder_level, items.reorder_level),
       unit_cost = COALESCE(EXCLUDED.unit_cost, items.unit_cost),
       expires_at = LEAST(items.expires_at, EXCLUDED.expires_at),
       archived_at = NULL,
       updated_at = now()
     WHERE items.shop_id = EXCLUDED.shop_id
     RETURNING *`,
    [
      input.shopId,
      input.sku,
      input.name,
      input.category,
      input.unit,
      input.quantity,
      input.reorderLevel,
      input.unitCost,
      input.expiresAt,
    ],
  );

  const row = rows[0];
  if (!row) {
    // The WHERE on DO UPDATE filtered the row out: the SKU belongs to another shop.
    throw Object.assign(new Error(`SKU ${input.sku} belongs to a different shop`), { code: '23505' });
  }
  return mapItemRow(row);
}

export async function archiveItem(shopId: string, itemId: string): Promise<boolean> {
  const archived = await db
    .update(items)
    .set({ archivedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(items.id, itemId), eq(items.shopId, shopId), isNull(items.archivedAt)))
    .returning({ id: items.id });
  return archived.length > 0;
}

function mapItemRow(row: Record<string, unknown>): Item {
  return {
    id: row.id as string,
    shopId: row.shop_id as string,
    sku: row.sku as string,
    name: row.name as string,
    category: (row.category as string | null) ?? null,
    unit: row.unit as string,
    quantity: row.quantity as number,
    reorderLevel: (row.reorder_level as number | null) ?? null,
    unitCost: (row.unit_cost as string | null) ?? null,
    expiresAt: (row.expires_at as Date | null) ?? null,
    archivedAt: (row.archived_at as Date | null) ?? null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
