/**
 * What the variant jobs need from the rest of the control plane, as interfaces: the model registry
 * (the models feature implements it in variant-catalog.ts) and a runtime to run models in (the
 * onnxruntime adapter, onnx-runner.ts). Services here never import either directly.
 */
import type { ModelVersion, Variant } from '../../../protocol/index.ts';
import type { ModelRunner } from './variant-tensors.ts';

export type GatedVariant = Exclude<Variant, 'fp32'>;
export type VariantVerdict = 'ready' | 'rejected' | 'failed';

export interface VariantCatalog {
  /** The version with all its variants (any status); null once it is deleted. */
  version(name: string, version: string): ModelVersion | null;
  /** Every version of a model, oldest first; empty for an unknown model. */
  versionsOf(name: string): ModelVersion[];
  /** The bytes of a stored blob (a variant's file or an evaluation set). */
  readBlob(sha256: string): Promise<Uint8Array>;
  /** Store a blob that is not served to devices (an evaluation set). */
  putBlob(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /**
   * Register a variant built by job `job`, status `building` and unsigned, with `{ job, build }` as
   * its evidence until the gate decides. Replaces only a row an earlier attempt of the same job left;
   * VERSION_EXISTS for any other row (a variant pushed meanwhile). VALIDATION_FAILED when its
   * tensors differ from the version's.
   */
  stageVariant(input: {
    name: string; version: string; variant: GatedVariant; bytes: Uint8Array; job: number; build: Record<string, unknown>;
  }): Promise<{ sha256: string; size: number }>;
  /**
   * Record the gate's verdict. `ready` signs the manifest (or keeps the signature it has) and lets
   * desired states pick it up; `rejected` and `failed` drop any signature, so it never ships.
   * `bytes` are those the gate ran: a row that meanwhile points at other bytes is not touched.
   */
  settleVariant(input: {
    name: string; version: string; variant: GatedVariant; bytes: Uint8Array; status: VariantVerdict; evidence: Record<string, unknown>;
  }): void;
}

export interface LoadedRunner extends ModelRunner {
  release(): Promise<void>;
}

/** Loads models for the gate; `label` names it in the evidence (e.g. "onnxruntime-node 1.30.0 cpu"). */
export interface GateRuntime {
  label: string;
  load(bytes: Uint8Array): Promise<LoadedRunner>;
}

/** Minimal logger the worker reports to; pino fits. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
