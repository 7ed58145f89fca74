import { InvalidArgumentError } from 'commander';
import { parseLabelList } from '../protocol/index.ts';

/** `24h`, `30m`, `7d`, `90s` or plain seconds -> seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`"${text}" is not a duration like 90s, 30m, 24h or 7d`);
  const n = Number(m[1]);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  if (n <= 0) throw new InvalidArgumentError('a duration must be positive');
  return n * unit;
}

export function parsePositiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${text}" is not a positive whole number`);
  return n;
}

export function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${text}" is not a port (0-65535)`);
  return n;
}

export function parseLabels(text: string): Record<string, string> {
  try {
    return parseLabelList(text);
  } catch (err) {
    throw new InvalidArgumentError(`labels must be k=v,k2=v2 (${(err as Error).message.split('\n')[0]})`);
  }
}
