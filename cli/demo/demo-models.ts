import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ModelSummary } from '../../protocol/index.ts';
import type { ApiClient } from '../api-client.ts';

export interface DemoModel {
  name: string;
  version: string;
  alias: string;
  file: () => Uint8Array<ArrayBuffer>;
}

/** The Silero VAD model shipped inside @ricky0123/vad-web: a real model, no download needed. */
export function sileroVadPath(): string {
  return createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
}

export const demoModels: DemoModel[] = [
  { name: 'vad', version: '5', alias: 'production', file: () => new Uint8Array(readFileSync(sileroVadPath())) },
];

/** Push each demo model and its alias unless already there. Returns the names pushed now. */
export async function ensureDemoModels(client: ApiClient, models: DemoModel[] = demoModels): Promise<string[]> {
  const pushed: string[] = [];
  for (const m of models) {
    const existing = await client.request<ModelSummary | undefined>('GET', `/v1/models/${m.name}`, { allow404: true });
    if (!existing?.versions.includes(m.version)) {
      await client.request('POST', `/v1/models/${m.name}/versions/${m.version}`, {
        body: m.file(), contentType: 'application/octet-stream',
      });
      pushed.push(`${m.name}:${m.version}`);
    }
    if (existing?.aliases[m.alias] !== m.version) {
      await client.request('PUT', `/v1/models/${m.name}/aliases/${m.alias}`, { json: { version: m.version } });
    }
  }
  return pushed;
}
