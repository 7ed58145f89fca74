/** Models of bench/shadow.ts, shared by the driver and the server process: version 1 serves, 2 shadows. */
import { buildMlp, BENCH_MLP_OPTIONS } from '../test/fixtures/models/index.ts';

export interface ShadowModel {
  name: string;
  width: number;
  build(version: 1 | 2): Uint8Array;
}

export const SHADOW_MODELS: ShadowModel[] = [
  // A small classifier: the request's HTTP and JSON work dominates, the shadow's run is cheap.
  { name: 'small', width: 8, build: (v) => buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: v, softmax: true }) },
  // The ~1M-parameter benchmark MLP: the shadow's run costs as much as the served one.
  { name: 'mlp-1m', width: BENCH_MLP_OPTIONS.inputs, build: (v) => buildMlp({ ...BENCH_MLP_OPTIONS, seed: BENCH_MLP_OPTIONS.seed + v - 1 }) },
];
