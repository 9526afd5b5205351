import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pool } from '../db/client';
import { HttpError } from '../lib/http';
import { logger } from '../lib/logger';

export interface AccountContext {
  id: string;
  slug: string;
  schemaName: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      account?: AccountContext;
    }
  }
}

// Set by the API gateway after it has authenticated the caller's token.
const ACCOUNT_HEADER = 'x-freshtrack-account';
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const SCHEMA_PATTERN = /^acct_[a-z0-9_]{1,48}$/;
const CACHE_TTL_MS = 60_000;

interface CachedAccount {
  account: AccountContext | null;
  expiresAt: number;
}

const accountCache = new Map<string, CachedAccount>();

async function loadAccount(slug: string): Promise<AccountContext | null> {
  const cached = accountCache.get(slug);
  if (cached && cached.expiresAt > Date.now()) {
    return cached.account;
  }

  const { rows } = await pool.query<{ id: string; slug: string; schema_name: string }>(
    'SELECT id, slug, schema_name FROM public.accounts WHERE slug = $1 AND status = $2',
    [slug, 'active'],
  );
  const row = rows[0];
  const account = row ? { id: row.id, slug: row.slug, schemaName: row.schema_name } : null;

  accountCache.set(slug, { account, expiresAt: Date.now() + CACHE_TTL_MS });
  return account;
}

/**
 * Resolves the calling account and points the database at its schema of
 * views, so repositories can keep using unqualified table names.
 */
export function tenantContext(): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      const slug = req.header(ACCOUNT_HEADER)?.trim().toLowerCase();
      if (!slug || !SLUG_PATTERN.test(slug)) {
        throw new HttpError(400, 'missing_account', `A valid ${ACCOUNT_HEADER} header is required`);
      }

      const account = await loadAccount(slug);
      if (!account) {
        throw new HttpError(404, 'unknown_account', `No active account "${slug}"`);
      }

      // The schema name is interpolated below, so never trust the stored value blindly.
      if (!SCHEMA_PATTERN.test(account.schemaName)) {
        logger.error('account has an invalid schema name', { slug, schemaName: account.schemaName });
        throw new HttpError(500, 'account_misconfigured', 'Account is not provisioned correctly');
      }

      const schema = account.schemaName;
      await pool.query(`SET search_path TO ${schema}, public`);

      req.account = account;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Drops cached lookups, e.g. after an account is suspended. */
export function forgetAccount(slug: string): void {
  accountCache.delete(slug);
}
