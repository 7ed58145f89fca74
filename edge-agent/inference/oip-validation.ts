/**
 * Checks an inference request's tensors against the model's metadata before anything runs, so a
 * client learns which input is wrong and what the model expects instead of a runtime error.
 */
import type { TensorMetadata } from './engine.ts';
import { InvalidRequestError } from './errors.ts';

const fmt = (shape: readonly number[]) => `[${shape.join(',')}]`;

/** Validates one request input's name, datatype, rank and fixed dimensions; returns its metadata. */
export function checkInputHeader(
  modelName: string,
  expected: readonly TensorMetadata[],
  input: { name: string; datatype: string; shape: readonly number[] },
): TensorMetadata {
  const meta = expected.find((m) => m.name === input.name);
  if (!meta) {
    throw new InvalidRequestError(
      `unexpected input '${input.name}': model '${modelName}' expects inputs ${expected.map((m) => `'${m.name}'`).join(', ')}`,
    );
  }
  if (input.datatype !== meta.datatype) {
    throw new InvalidRequestError(`input '${input.name}': datatype ${input.datatype} does not match the model's ${meta.datatype}`);
  }
  if (input.shape.length !== meta.shape.length) {
    throw new InvalidRequestError(
      `input '${input.name}': shape ${fmt(input.shape)} has rank ${input.shape.length}, the model expects rank ${meta.shape.length} ${fmt(meta.shape)}`,
    );
  }
  for (let i = 0; i < meta.shape.length; i++) {
    const want = meta.shape[i] as number;
    if (want >= 0 && input.shape[i] !== want) {
      throw new InvalidRequestError(
        `input '${input.name}': shape ${fmt(input.shape)} does not match the model's ${fmt(meta.shape)} (dimension ${i} must be ${want})`,
      );
    }
  }
  return meta;
}

/** Every model input must be given exactly once. */
export function checkInputSet(modelName: string, expected: readonly TensorMetadata[], given: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of given) {
    if (seen.has(name)) throw new InvalidRequestError(`input '${name}' is given more than once`);
    seen.add(name);
  }
  const missing = expected.filter((m) => !seen.has(m.name));
  if (missing.length > 0) {
    const list = missing.map((m) => `'${m.name}' (${m.datatype} ${fmt(m.shape)})`).join(', ');
    throw new InvalidRequestError(`model '${modelName}' is missing input ${list}`);
  }
}

export function checkOutputName(modelName: string, expected: readonly TensorMetadata[], name: string): void {
  if (!expected.some((m) => m.name === name)) {
    throw new InvalidRequestError(
      `unknown output '${name}': model '${modelName}' has outputs ${expected.map((m) => `'${m.name}'`).join(', ')}`,
    );
  }
}
