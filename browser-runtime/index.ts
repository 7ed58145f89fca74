/**
 * edgefleet's browser runtime: this page as a fleet device.
 *
 * ```js
 * import { connect } from '/runtime/edgefleet.js';
 * const fleet = await connect({ enrollToken: 'efe_…', name: 'kiosk 3' });
 * await fleet.ready('vad');
 * const { outputs, requestId } = await fleet.infer('vad', { input: { data: samples, shape: [1, 512] }, … });
 * fleet.feedback(requestId, 'speech');
 * fleet.event('checkout', 42.5);
 * fleet.onStatus((s) => console.log(s.connection, s.models));
 * ```
 *
 * The module-level functions act on the runtime the last `connect()` returned.
 */
import { createRuntime } from './runtime.ts';
import type { ConnectOptions, EdgefleetRuntime, InferOptions, InferResult, InputTensor, ModelInfo, RuntimeStatus } from './runtime-types.ts';

export type * from './runtime-types.ts';
export { InferenceError } from './models/serving.ts';
export { EnrollmentError } from './identity.ts';
export { ArtifactRejectedError } from './verify.ts';
// The cohort hash the runtime splits requests with, exported so pages (and tests) can check it against
// protocol/cohort-hash-vectors.ts in this very browser.
export { deviceBucket, murmur3x86_32, requestBucket } from '../protocol/cohort-hash.ts';

let current: EdgefleetRuntime | null = null;

function runtime(): EdgefleetRuntime {
  if (!current) throw new Error('call connect() first');
  return current;
}

/** Enroll (the first time) and connect this page to the fleet; resolves once it serves from storage and is connecting. */
export async function connect(options: ConnectOptions = {}): Promise<EdgefleetRuntime> {
  current = await createRuntime(options);
  return current;
}

export const models = (): ModelInfo[] => runtime().models();
export const infer = (name: string, inputs: Record<string, InputTensor>, options?: InferOptions): Promise<InferResult> => runtime().infer(name, inputs, options);
export const feedback = (requestId: string, label: string | number, options?: { row?: number }): void => runtime().feedback(requestId, label, options);
export const event = (name: string, value?: number, options?: { model?: string; requestId?: string }): void => runtime().event(name, value, options);
export const onStatus = (callback: (status: RuntimeStatus) => void): (() => void) => runtime().onStatus(callback);
