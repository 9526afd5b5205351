import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Mirrors migrations/0001..0003. The SQL files are the source of truth;
// keep this file in step with them (npm run db:pull shows any drift).

export const movementKind = pgEnum('movement_kind', ['receive', 'sale', 'waste', 'adjustment']);
export const alertKind = pgEnum('alert_kind', ['expiring', 'expired', 'low_stock']);

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  displayName: text('display_name').notNull(),
  schemaName: text('schema_name').notNull().unique(),
  status: text('status', { enum: ['active', 'suspended', 'closed'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const shops = pgTable(
  'shops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Europe/London'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => ({
    accountCode: unique('shops_account_code_key').on(t.accountId, t.code),
  }),
);

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    unit: text('unit').notNull().default('each'),
    quantity: integer('quantity').notNull().default(0),
    reorderLevel: integer('reorder_level').default(3),
    unitCost: numeric('unit_cost', { precision: 10, scale: 2 }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => ({
    skuKey: unique('items_sku_key').on(t.sku),
    shopIdx: index('items_shop_id_idx').on(t.shopId),
    expiringIdx: index('items_expiring_idx')
      .on(t.expiresAt)
      .where(sql`${t.archivedAt} is null and ${t.quantity} > 0`),
  }),
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Filled from the transaction-local app.current_shop setting (see 0003_alerts.sql).
    shopId: uuid('shop_id')
      .notNull()
      .default(sql`nullif(current_setting('app.current_shop', true), '')::uuid`)
      .references(() => shops.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: movementKind('kind').notNull(),
    quantityDelta: integer('quantity_delta').notNull(),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => ({
    itemCreatedIdx: index('stock_movements_item_created_idx').on(t.itemId, t.createdAt.desc()),
    shopCreatedIdx: index('stock_movements_shop_created_idx').on(t.shopId, t.createdAt.desc()),
  }),
);

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shopId: uuid('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: alertKind('kind').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => ({
    oneOpenPerKind: uniqueIndex('alerts_one_open_per_kind')
      .on(t.itemId, t.kind)
      .where(sql`${t.acknowledgedAt} is null`),
    shopOpenIdx: index('alerts_shop_open_idx')
      .on(t.shopId, t.createdAt.desc())
      .where(sql`${t.acknowledgedAt} is null`),
  }),
);

export const jobRuns = pgTable('job_runs', {
  jobName: text('job_name').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  runs: bigint('runs', { mode: 'number' }).notNull().default(1),
});

export type Account = typeof accounts.$inferSelect;
export type Shop = typeof shops.$inferSelect;
export type Item = typeof items.$inferSelect;
export type NewItem = typeof items.$inferInsert;
export type StockMovement = typeof stockMovements.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type AlertKind = (typeof alertKind.enumValues)[number];
export type MovementKind = (typeof movementKind.enumValues)[number];
