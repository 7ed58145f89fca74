import { pino, type Logger } from 'pino';

/** Structured JSON logs on stdout (or the given stream), one line per event. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'control-plane' } }, destination ?? process.stdout);
}
