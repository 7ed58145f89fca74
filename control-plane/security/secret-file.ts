import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Write a secret readable only by its owner (0600), atomically: temp file, fsync, rename. A crash
 * leaves either the old file or the new one, never half a token.
 */
export function writeSecretFile(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
