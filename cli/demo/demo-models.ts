import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ModelSummary, ProfileRequest } from '../../protocol/index.ts';
import type { ApiClient } from '../api-client.ts';
import {
  BREAST_CANCER_CLASSES, breastCancerDeclarations, loadBreastCancer, logisticOnnx, splitRows, toCsv, trainLogistic,
} from './breast-cancer-model.ts';

export interface DemoModel {
  name: string;
  version: string;
  alias: string;
  file: () => Uint8Array<ArrayBuffer>;
  /** Reference profile pushed with the version, so drift shows against real data. */
  profile?: () => ProfileRequest;
}

/** The Silero VAD model shipped inside @ricky0123/vad-web: a real model, no download needed. */
export function sileroVadPath(): string {
  return createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
}

/**
 * A logistic-regression classifier trained (in a few hundred gradient steps, deterministic) on half
 * of the Wisconsin breast cancer data; the other half is its reference profile and evaluation set.
 */
function cancerModel(): DemoModel {
  let split: ReturnType<typeof splitRows> | undefined;
  const rows = () => (split ??= splitRows(loadBreastCancer(), 0.5));
  return {
    name: 'cancer',
    version: '1',
    alias: 'production',
    file: () => new Uint8Array(logisticOnnx(trainLogistic(rows().train))),
    profile: () => ({
      features: breastCancerDeclarations(),
      labelColumn: 'target',
      format: 'csv',
      dataset: toCsv(rows().heldOut),
      output: { tensor: 'output', task: 'classification', classes: BREAST_CANCER_CLASSES, transform: 'none' },
    }),
  };
}

export const demoModels: DemoModel[] = [
  { name: 'vad', version: '5', alias: 'production', file: () => new Uint8Array(readFileSync(sileroVadPath())) },
  cancerModel(),
];

/** Push each demo model, its profile and its alias unless already there. Returns the names pushed now. */
export async function ensureDemoModels(client: ApiClient, models: DemoModel[] = demoModels): Promise<string[]> {
  const pushed: string[] = [];
  for (const m of models) {
    const existing = await client.request<ModelSummary | undefined>('GET', `/v1/models/${m.name}`, { allow404: true });
    if (!existing?.versions.includes(m.version)) {
      await client.request('POST', `/v1/models/${m.name}/versions/${m.version}`, {
        body: m.file(), contentType: 'application/octet-stream',
      });
      if (m.profile) await client.request('POST', `/v1/models/${m.name}/versions/${m.version}/profile`, { json: m.profile() });
      pushed.push(`${m.name}:${m.version}`);
    }
    if (existing?.aliases[m.alias] !== m.version) {
      await client.request('PUT', `/v1/models/${m.name}/aliases/${m.alias}`, { json: { version: m.version } });
    }
  }
  return pushed;
}
