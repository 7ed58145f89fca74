import { buildMlp, ElemType, encodeModel, NAN_INPUT, NAN_OUTPUT, NAN_WIDTH, valueInfo } from '../fixtures/models/index.ts';

/** The MLP the agent tests serve: 8 -> 64 -> 3, dynamic batch (a few KB, so a download can be cut midway). */
export const mlpV1 = () => buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: 1 });
export const mlpV2 = () => buildMlp({ inputs: 8, hidden: [64], outputs: 3, seed: 2 });

/**
 * A sane model with the NaN fixture's interface (x, y: float [batch, 4]): y = x + x. Version 1 of
 * "scorer"; buildNanModel() is the bad version 2 the guardrails must revert.
 */
export function buildDoubler(): Uint8Array {
  return encodeModel({
    name: 'doubler',
    inputs: [valueInfo(NAN_INPUT, ElemType.FLOAT, ['batch', NAN_WIDTH])],
    outputs: [valueInfo(NAN_OUTPUT, ElemType.FLOAT, ['batch', NAN_WIDTH])],
    nodes: [{ op: 'Add', inputs: [NAN_INPUT, NAN_INPUT], outputs: [NAN_OUTPUT] }],
  });
}
