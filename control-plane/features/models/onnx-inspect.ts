import onnxProto from 'onnx-proto';
import { EdgefleetError, type OipDatatype, type TensorSpec } from '../../../protocol/index.ts';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

/** What the registry needs to know about an uploaded ONNX file. */
export interface OnnxSummary {
  irVersion: number;
  /** Opset of the default domain ("" or "ai.onnx"): what decides which runtimes can load it. */
  opset: number;
  producerName?: string;
  producerVersion?: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

// ONNX TensorProto.DataType -> Open Inference Protocol datatype. STRING travels as BYTES in OIP.
// COMPLEX64/128 and BFLOAT16 have no OIP datatype, so a manifest could not describe them.
const datatypes = new Map<number, OipDatatype>([
  [DataType.FLOAT, 'FP32'], [DataType.UINT8, 'UINT8'], [DataType.INT8, 'INT8'],
  [DataType.UINT16, 'UINT16'], [DataType.INT16, 'INT16'], [DataType.INT32, 'INT32'],
  [DataType.INT64, 'INT64'], [DataType.STRING, 'BYTES'], [DataType.BOOL, 'BOOL'],
  [DataType.FLOAT16, 'FP16'], [DataType.DOUBLE, 'FP64'], [DataType.UINT32, 'UINT32'],
  [DataType.UINT64, 'UINT64'],
]);

const invalid = (reason: string, cause?: unknown) =>
  new EdgefleetError('INVALID_ONNX', `not a usable ONNX model: ${reason}`, { cause, details: { reason } });

/** protobufjs hands out int64 fields as Long objects (or numbers when Long is absent). */
type IntLike = number | { toNumber(): number } | null | undefined;
const toInt = (v: IntLike): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

/**
 * Decode and check ONNX bytes, and read the interface a manifest publishes. Throws INVALID_ONNX
 * with the reason: an agent must never be the first to find out that an artifact cannot load.
 */
export function inspectOnnx(bytes: Uint8Array): OnnxSummary {
  if (bytes.length === 0) throw invalid('the file is empty');
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    // protobufjs says "index out of range" for cut-off files and "invalid wire type" for garbage.
    throw invalid(`protobuf decoding failed (${(cause as Error).message}); the file is truncated or not ONNX`, cause);
  }
  const irVersion = toInt(model.irVersion as IntLike);
  if (irVersion <= 0) throw invalid('ir_version is missing');
  const graph = model.graph;
  if (!graph) throw invalid('the model has no graph');
  const opset = defaultOpset(model.opsetImport);
  if (externalDataIn(graph)) {
    throw invalid('the model keeps tensors in external data files; upload a single self-contained .onnx file');
  }
  // Graph inputs may list initializers too (IR < 4 required it); those are weights, not inputs.
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map((v) => tensorSpec(v, 'input'));
  const outputs = (graph.output ?? []).map((v) => tensorSpec(v, 'output'));
  if (inputs.length === 0) throw invalid('the graph has no inputs');
  if (outputs.length === 0) throw invalid('the graph has no outputs');
  return {
    irVersion,
    opset,
    ...(model.producerName ? { producerName: model.producerName } : {}),
    ...(model.producerVersion ? { producerVersion: model.producerVersion } : {}),
    inputs,
    outputs,
  };
}

function defaultOpset(imports: onnxProto.onnx.IOperatorSetIdProto[]): number {
  if (imports.length === 0) throw invalid('opset_import is missing');
  const entry = imports.find((i) => !i.domain || i.domain === 'ai.onnx');
  if (!entry) throw invalid('opset_import has no entry for the default ONNX domain');
  const version = toInt(entry.version as IntLike);
  if (version <= 0) throw invalid('the default-domain opset version is missing');
  return version;
}

function tensorSpec(v: onnxProto.onnx.IValueInfoProto, role: 'input' | 'output'): TensorSpec {
  const name = v.name ?? '';
  if (!name) throw invalid(`a graph ${role} has no name`);
  const tensor = v.type?.tensorType;
  if (!tensor) throw invalid(`${role} "${name}" is not a tensor (sequences, maps and optionals are not served)`);
  const elemType = tensor.elemType ?? DataType.UNDEFINED;
  const datatype = datatypes.get(elemType);
  if (!datatype) {
    const typeName = DataType[elemType] ?? String(elemType);
    throw invalid(`${role} "${name}" has element type ${typeName}, which has no Open Inference Protocol datatype`);
  }
  // A missing shape means unknown rank. A TensorSpec cannot say that ([] is a scalar), and clients
  // and agents size buffers from it, so refuse rather than publish a wrong rank.
  if (!tensor.shape) throw invalid(`${role} "${name}" has no shape (unknown rank)`);
  const shape = (tensor.shape.dim ?? []).map((d) => {
    if (d.dimParam) return d.dimParam;
    if (d.dimValue !== null && d.dimValue !== undefined) {
      const n = toInt(d.dimValue as IntLike);
      if (n > 0) return n;
    }
    return -1;
  });
  return { name, datatype, shape };
}

/** True when any tensor (initializer, Constant attribute, subgraph) points at an external file. */
function externalDataIn(graph: onnxProto.onnx.IGraphProto): boolean {
  const isExternal = (t: onnxProto.onnx.ITensorProto | null | undefined) =>
    !!t && (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0);
  if ((graph.initializer ?? []).some(isExternal)) return true;
  if ((graph.sparseInitializer ?? []).some((s) => isExternal(s.values) || isExternal(s.indices))) return true;
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (isExternal(a.t) || (a.tensors ?? []).some(isExternal)) return true;
      if (a.g && externalDataIn(a.g)) return true;
      if ((a.graphs ?? []).some(externalDataIn)) return true;
    }
  }
  return false;
}
