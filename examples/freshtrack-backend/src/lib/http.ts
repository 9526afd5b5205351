import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ZodError, type ZodTypeAny, type z } from 'zod';
import { errorFields, logger } from './logger';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

type AsyncRoute = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;

/** Express 4 does not catch rejected promises; forward them to the error handler. */
export function asyncHandler(route: AsyncRoute): RequestHandler {
  return (req, res, next) => {
    route(req, res, next).catch(next);
  };
}

export function parse<S extends ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(400, 'invalid_request', 'Request validation failed', result.error.flatten());
  }
  return result.data;
}

export function requireAccount(req: Request): NonNullable<Request['account']> {
  if (!req.account) {
    throw new HttpError(500, 'missing_account_context', 'Tenant middleware did not run');
  }
  return req.account;
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}` });
};

// Postgres SQLSTATEs that map to something more useful than a 500.
const PG_STATUS: Record<string, { status: number; code: string }> = {
  '23505': { status: 409, code: 'conflict' },
  '23503': { status: 409, code: 'referenced_row_missing' },
  '23514': { status: 422, code: 'constraint_violation' },
  '40P01': { status: 503, code: 'deadlock_retry' },
  '57014': { status: 503, code: 'statement_timeout' },
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.code, message: err.message, details: err.details });
    return;
  }
  if (err instanceof ZodError) {
    res.status(400).json({ error: 'invalid_request', details: err.flatten() });
    return;
  }
  const pgCode = typeof err?.code === 'string' ? (err.code as string) : undefined;
  const mapped = pgCode ? PG_STATUS[pgCode] : undefined;
  if (mapped) {
    res.status(mapped.status).json({ error: mapped.code, message: err.detail ?? err.message });
    return;
  }
  logger.error('unhandled request error', { method: req.method, path: req.path, ...errorFields(err) });
  res.status(500).json({ error: 'internal_error' });
};
