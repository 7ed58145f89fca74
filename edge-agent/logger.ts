import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** JSON lines on stdout, like the control plane; tests pass level "silent". */
export function createAgentLogger(level: string): Logger {
  return pino({ level, base: { component: 'edge-agent' } });
}
