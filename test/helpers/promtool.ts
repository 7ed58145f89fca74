import { spawnSync } from 'node:child_process';

/**
 * Validate a Prometheus exposition with the real `promtool check metrics` (Debian package
 * `prometheus`, installed by .ci/run). Returns promtool's exit code and what it printed.
 */
export function promtoolCheckMetrics(exposition: string): { code: number | null; output: string } {
  const res = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  if (res.error) throw new Error(`promtool is not installed (apt-get install prometheus; .ci/run does it): ${res.error.message}`);
  return { code: res.status, output: `${res.stdout}${res.stderr}` };
}
