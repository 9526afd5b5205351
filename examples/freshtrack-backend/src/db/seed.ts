// Development seed: one account with two shops and a shelf of sample stock.
// Run with `npm run db:seed` against a local database after the migrations.
import { sql } from 'drizzle-orm';
import { closeDatabase, db } from './client';
import { accounts, items, shops } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY_MS);

const ACCOUNT = {
  slug: 'corner-grocers',
  displayName: 'Corner Grocers Ltd',
  schemaName: 'acct_corner_grocers',
};

/**
 * Creates the account's schema of views over the shared tables. Production
 * accounts are provisioned the same way by the back-office service.
 */
async function provisionAccountSchema(accountId: string, schemaName: string): Promise<void> {
  if (!/^acct_[a-z0-9_]{1,48}$/.test(schemaName)) throw new Error(`bad schema name ${schemaName}`);
  if (!/^[0-9a-f-]{36}$/.test(accountId)) throw new Error(`bad account id ${accountId}`);

  const ownShops = `SELECT id FROM public.shops WHERE account_id = '${accountId}'`;
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${schemaName}`,
    `CREATE OR REPLACE VIEW ${schemaName}.shops WITH (security_invoker = true) AS
       SELECT * FROM public.shops WHERE account_id = '${accountId}'`,
    `CREATE OR REPLACE VIEW ${schemaName}.items WITH (security_invoker = true) AS
       SELECT * FROM public.items WHERE shop_id IN (${ownShops})`,
    `CREATE OR REPLACE VIEW ${schemaName}.alerts WITH (security_invoker = true) AS
       SELECT * FROM public.alerts WHERE shop_id IN (${ownShops})`,
    `CREATE OR REPLACE VIEW ${schemaName}.stock_movements WITH (security_invoker = true) AS
       SELECT * FROM public.stock_movements WHERE shop_id IN (${ownShops})`,
  ];
  for (const statement of statements) {
    await db.execute(sql.raw(statement));
  }
}

async function main(): Promise<void> {
  const [account] = await db
    .insert(accounts)
    .values(ACCOUNT)
    .onConflictDoUpdate({ target: accounts.slug, set: { displayName: ACCOUNT.displayName } })
    .returning();
  if (!account) throw new Error('account upsert returned nothing');

  await db
    .insert(shops)
    .values([
      { accountId: account.id, code: 'KX', name: 'Kingsway Express' },
      { accountId: account.id, code: 'HM', name: 'High Street Market', timezone: 'Europe/Dublin' },
    ])
    .onConflictDoNothing();

  const shopRows = await db.select().from(shops).where(sql`${shops.accountId} = ${account.id}`);
  const kingsway = shopRows.find((shop) => shop.code === 'KX');
  const market = shopRows.find((shop) => shop.code === 'HM');
  if (!kingsway || !market) throw new Error('seed shops missing');

  await db
    .insert(items)
    .values([
      { name: 'Oat milk', sku: 'KX-OAT-1L', shopId: kingsway.id, category: 'dairy-alternatives', unit: 'carton', quantity: 24, reorderLevel: 6, unitCost: '1.35', expiresAt: daysFromNow(9) },
      { name: 'Sourdough loaf', sku: 'KX-SOUR-800', shopId: kingsway.id, category: 'bakery', quantity: 8, reorderLevel: 3, unitCost: '2.10', expiresAt: daysFromNow(2) },
      { name: 'Baby spinach', sku: 'KX-SPIN-200', shopId: kingsway.id, category: 'produce', unit: 'pack', quantity: 12, unitCost: '0.95', expiresAt: daysFromNow(1) },
      { name: 'Free-range eggs (6)', sku: 'HM-EGG-6', shopId: market.id, category: 'dairy', unit: 'pack', quantity: 30, reorderLevel: 10, unitCost: '1.60', expiresAt: daysFromNow(14) },
      { name: 'Bananas', sku: 'HM-BAN-KG', shopId: market.id, category: 'produce', unit: 'kg', quantity: 18, unitCost: '0.70', expiresAt: daysFromNow(4) },
      { name: 'Greek yoghurt 500g', sku: 'HM-YOG-500', shopId: market.id, category: 'dairy', quantity: 2, reorderLevel: 4, unitCost: '1.85', expiresAt: daysFromNow(-1) },
    ])
    .onConflictDoNothing({ target: items.sku });

  await provisionAccountSchema(account.id, account.schemaName);
  console.log(`seeded account ${account.slug} (${shopRows.length} shops)`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
