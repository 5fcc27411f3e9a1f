import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Secrets that could reach a log line: device tokens (Authorization header, enroll responses),
 * enrollment codes and database passwords. Request bodies are never logged at all.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'enrollmentCode',
  '*.enrollmentCode',
  'databaseUrl',
  '*.databaseUrl',
  'body',
  'req.body',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'common-ground-sync' },
    },
    options.destination,
  );
}
