import { pino, type Logger } from 'pino';
import type { LogLevel } from './log-levels.js';

export { LOG_LEVELS, type LogLevel } from './log-levels.js';

export function createLogger(level: LogLevel): Logger {
  // stderr, so that stdout carries only the ready line a script can wait for.
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}

export type { Logger };
