/**
 * The server's one logger (pino): JSON lines on stdout, for an operator to read or ship.
 *
 * What is logged: each request once, on completion (shared/middleware.ts requestLogMiddleware: request
 * id, route id, person id, status, duration), the cause of 5xx failures, and startup messages.
 * Never personal data: no bodies, message text, phone or ID numbers, names, query strings or the
 * Authorization header. Nothing passes those to the logger; `redact` and the error serializer
 * below are the safety net for whatever slips through later.
 */
import { types } from 'node:util';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

export type { Logger };
export type LogLevel = LevelWithSilent;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LogLevel[];

/** A bare error callback (the app's `log` before the logger); receives what is logged as an error. */
export type ErrorSink = (err: unknown) => void;

/** Fields that would carry personal data or secrets if someone logged a request, body or user. */
const PERSONAL = [
  'authorization',
  'cookie',
  'token',
  'body',
  'rawBody',
  'phone',
  'idNumber',
  'name',
  'text',
  'question',
  'answer',
  'note',
  'reason',
  'openid',
  'unionid',
  'secret',
  'password',
  'sessionKey',
];
const REDACT_PATHS = [
  ...PERSONAL,
  ...PERSONAL.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/**
 * Mainland mobile numbers, resident ID numbers, bearer tokens and secrets in URLs (WeChat's
 * access_token), and the values MongoDB quotes in duplicate-key errors.
 */
const PERSONAL_TEXT: [RegExp, string][] = [
  [/dup key: \{.*?\}/g, 'dup key: { [redacted] }'],
  [/Bearer\s+\S+/gi, 'Bearer [redacted]'],
  [/\b(access_token|secret|token|js_code|code)=[^&\s]+/gi, '$1=[redacted]'],
  [/(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g, '[id-number]'],
  [/(?<![0-9])1[3-9][0-9]([ -]?)[0-9]{4}\1[0-9]{4}(?![0-9])/g, '[phone]'],
];

export function maskPersonalText(text: string): string {
  return PERSONAL_TEXT.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text);
}

const SAFE_ERROR_FIELDS = ['code', 'codeName', 'errno', 'syscall', 'status'] as const;
const MAX_CAUSE_DEPTH = 4;

/**
 * Errors as { type, message, stack, code…, cause }: only these fields, personal numbers masked.
 * pino's own serializer copies every enumerable field, and database errors carry the documents
 * they failed on (MongoServerError keyValue, bulk write ops), which would put bodies in the log.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!isErrorLike(err)) return { type: typeof err, message: maskPersonalText(String(err)).slice(0, 500) };
  const e = err as Error & Record<string, unknown>;
  const fields: Record<string, unknown> = {
    type: e.constructor?.name && e.constructor.name !== 'Error' ? e.constructor.name : e.name,
    message: maskPersonalText(String(e.message)),
    ...(typeof e.stack === 'string' ? { stack: maskPersonalText(e.stack) } : {}),
  };
  for (const key of SAFE_ERROR_FIELDS) {
    const value = e[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  if (depth < MAX_CAUSE_DEPTH) {
    if (e.cause !== undefined) fields.cause = serializeError(e.cause, depth + 1);
    // AggregateError (mongoose ValidationError's `errors` is an object: not followed)
    if (Array.isArray(e.errors)) fields.errors = e.errors.slice(0, 5).map((inner: unknown) => serializeError(inner, depth + 1));
  }
  return fields;
}

/** Errors from another realm (a vm context, jest's sandbox) fail `instanceof Error`. */
function isErrorLike(err: unknown): err is Error {
  if (err instanceof Error || types.isNativeError(err)) return true;
  const e = err as { message?: unknown; name?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.message === 'string' && typeof e.name === 'string';
}

export interface LoggerOptions {
  /** default 'info' */
  level?: LogLevel;
  /** default stdout */
  destination?: DestinationStream;
  /** also given the `err` of every error and fatal line (the test stack collects them); not called when the level hides them */
  onError?: ErrorSink;
}

export function createLogger({ level = 'info', destination, onError }: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: (err: unknown) => serializeError(err) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(onError
      ? {
          hooks: {
            logMethod(args, method, levelValue) {
              const first: unknown = args[0];
              if (levelValue >= pino.levels.values.error! && first && typeof first === 'object' && 'err' in first)
                onError(first.err);
              return method.apply(this, args);
            },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
