type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function thresholdFromEnv(): number {
  const configured = (process.env.LOG_LEVEL ?? 'info').toLowerCase() as Level;
  return LEVELS[configured] ?? LEVELS.info;
}

const threshold = thresholdFromEnv();

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(bindings: Fields): Logger;
}

function createLogger(bindings: Fields): Logger {
  const write = (level: Level, msg: string, fields?: Fields): void => {
    if (LEVELS[level] < threshold) return;
    const entry = { ts: new Date().toISOString(), level, msg, ...bindings, ...fields };
    const stream = level === 'warn' || level === 'error' ? process.stderr : process.stdout;
    stream.write(`${JSON.stringify(entry)}\n`);
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (more) => createLogger({ ...bindings, ...more }),
  };
}

export const logger = createLogger({ service: 'freshtrack-api' });

/** Flattens an unknown thrown value into log fields, keeping pg error codes. */
export function errorFields(err: unknown): Fields {
  if (err instanceof Error) {
    const pgCode = (err as { code?: unknown }).code;
    return {
      error: err.message,
      errorName: err.name,
      ...(typeof pgCode === 'string' ? { pgCode } : {}),
      stack: process.env.NODE_ENV === 'production' ? undefined : err.stack,
    };
  }
  return { error: String(err) };
}
