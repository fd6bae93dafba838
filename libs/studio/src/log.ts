import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs (pino) on stdout, shared by the API and the worker. Authorization headers and API keys are
 * redacted; requests and jobs get child loggers carrying their ids.
 */
export function createLogger(
  level: string,
  o: { service?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  const options = {
    level,
    base: { service: o.service ?? 'styleclip' },
    redact: { paths: ['authorization', 'headers.authorization', '*.authorization'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return o.destination ? pino(options, o.destination) : pino(options);
}

/** A logger that drops everything (library use without logs, tests). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
