import { SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A progress bar on stderr for people at a terminal; silent for scripts and pipes. */
export function createProgress(options: { total: number; label: string; enabled: boolean; unit?: string }): Progress {
  if (!options.enabled) return { update() {}, stop() {} };
  const bar = new SingleBar({
    format: `${options.label} [{bar}] {percentage}% {value}/{total} ${options.unit ?? ''}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(options.total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
