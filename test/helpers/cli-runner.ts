import { runCli } from '../../cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Run `edgefleet ...args` in-process with captured output and the given env (no process.env leaks in). */
export async function runEdgefleet(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'edgefleet', ...args], {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    env,
    isTTY: false,
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
