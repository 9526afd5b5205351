import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pool } from '../db/client';
import type { JobContext } from './runner';

// Resolves from both src/jobs (tsx) and dist/jobs (compiled).
const SCRIPT_PATH = path.resolve(__dirname, '../../scripts/nightly-report.sql');
const FETCH_SIZE = 500;
const EARLIEST_HOUR_UTC = 2;

interface ReportRow {
  account_slug: string;
  shop_code: string;
  shop_name: string;
  sku: string;
  item_name: string;
  quantity: number;
  unit: string;
  unit_cost: string | null;
  stock_value: string;
  expires_at: Date | null;
  days_to_expiry: number | null;
}

const COLUMNS: (keyof ReportRow)[] = [
  'account_slug',
  'shop_code',
  'shop_name',
  'sku',
  'item_name',
  'quantity',
  'unit',
  'unit_cost',
  'stock_value',
  'expires_at',
  'days_to_expiry',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes reports/stock-valuation-YYYY-MM-DD.csv once a day, after 02:00 UTC.
 * Scheduled hourly; runs that find today's file already written do nothing.
 */
export async function runNightlyReport(ctx: JobContext, outputDir: string): Promise<string | null> {
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  const target = path.resolve(outputDir, `stock-valuation-${day}.csv`);
  if (now.getUTCHours() < EARLIEST_HOUR_UTC || (await exists(target))) {
    return null;
  }

  const script = await readFile(SCRIPT_PATH, 'utf8');
  // Builds report_scratch and opens stock_cursor (see scripts/nightly-report.sql).
  await pool.query(script);

  const lines = [COLUMNS.join(',')];
  try {
    for (;;) {
      if (ctx.signal.aborted) throw new Error('nightly report aborted');
      const { rows } = await pool.query<ReportRow>(`FETCH FORWARD ${FETCH_SIZE} FROM stock_cursor`);
      if (rows.length === 0) break;
      for (const row of rows) {
        lines.push(COLUMNS.map((column) => csvCell(row[column])).join(','));
      }
    }
  } finally {
    await pool.query('CLOSE stock_cursor').catch(() => undefined);
    await pool.query('DROP TABLE IF EXISTS report_scratch').catch(() => undefined);
  }

  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await writeFile(partial, `${lines.join('\n')}\n`, 'utf8');
  await rename(partial, target);

  ctx.log.info('nightly report written', { file: target, rows: lines.length - 1 });
  return target;
}
