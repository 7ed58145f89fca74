/**
 * FP16 variant: float initializers, constants and intermediate tensors in half precision, for GPU
 * and WebGPU devices. The graph's own inputs and outputs stay FP32 (Cast nodes at the boundary) so
 * clients and the manifest do not change. Operators on the block list (by default those onnxruntime's
 * CPU provider has no float16 kernel for, fp16-ops.ts) run in FP32 between explicit Casts, so the
 * file runs everywhere onnxruntime does, and a GPU build can be made with a shorter list.
 */
import { FP16_CPU_BLOCK_LIST, OP_INFO, outputRule } from './fp16-ops.ts';
import { assertInputWiring, assertOutputWiring } from './graph-check.ts';
import {
  allGraphs,
  createNamer,
  decodeModel,
  encodeModel,
  findExternalTensor,
  getAttr,
  isQuantizedOp,
  makeAttr,
  makeCast,
  refusal,
  subgraphsOf,
  valueElemType,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type VariantResult,
} from './onnx-graph.ts';
import { inferElemTypes, type TypeMap } from './type-inference.ts';
import { DataType, float16Tensor, floatTensor, readFloats, tensorDims, toFloat16Bits, type TensorProto } from './tensor-data.ts';

const BUILDER = 'convertFp16';
/** Largest finite float16. */
const HALF_MAX = 65504;

export interface ConvertFp16Options {
  /** Operator types kept in FP32; default FP16_CPU_BLOCK_LIST. */
  blockList?: readonly string[];
  /** Node names kept in FP32 whatever their type. */
  excludeNodes?: readonly string[];
}

export interface Fp16Report {
  blockList: string[];
  /** Nodes that compute in FP32 (with float inputs or outputs), by operator type. */
  keptFp32: Record<string, number>;
  convertedTensors: number;
  /**
   * Constants with values beyond +-65504 (masks of -1e9, large offsets) stay FP32: exact where their
   * reader runs in FP32; a reader in FP16 gets them through a Cast, i.e. as +-infinity, which is
   * what float16 arithmetic makes of them anyway. Clamping to 65504 instead would change results.
   */
  outOfRangeTensors: string[];
  castsInserted: number;
  bytesBefore: number;
  bytesAfter: number;
}

type Precision = 16 | 32;

interface State {
  types: TypeMap;
  prec: Map<string, Precision>;
  blocked: (node: NodeProto) => boolean;
  /** Tensors every reader of which wants FP32 (a Cast to float feeding only blocked ops stays FP32). */
  onlyFp32Readers: (name: string) => boolean;
  name: (base: string) => string;
  casts: Map<GraphProto, Map<string, string>>;
  report: Fp16Report;
}

export function convertFp16(modelBytes: Uint8Array, options: ConvertFp16Options = {}): VariantResult<Fp16Report> {
  const model = decodeModel(modelBytes, BUILDER);
  const main = model.graph as GraphProto;
  preflight(model);
  const types = inferElemTypes(main);
  const blockList = new Set(options.blockList ?? FP16_CPU_BLOCK_LIST);
  const exclude = new Set(options.excludeNodes ?? []);
  const blocked = (node: NodeProto) => blockList.has(node.opType ?? '') || exclude.has(node.name ?? '');
  const report: Fp16Report = { blockList: [...blockList].sort(), keptFp32: {}, convertedTensors: 0, outOfRangeTensors: [], castsInserted: 0, bytesBefore: modelBytes.length, bytesAfter: 0 };
  const name = createNamer(main);
  const outputs = renameFloatOutputs(main, types, name);
  const state: State = { types, prec: new Map(), blocked, onlyFp32Readers: fp32ReaderCheck(main, blocked), name, casts: new Map(), report };
  for (const v of main.input ?? []) if (types.get(v.name ?? '') === DataType.FLOAT) state.prec.set(v.name ?? '', 32);
  const tail = convertGraph(main, 'main', [], state);
  for (const { internal, external } of outputs) {
    const fromFp16 = state.prec.get(internal) === 16;
    tail.push(fromFp16 ? makeCast(internal, external, DataType.FLOAT, name(`${external}_to_fp32`)) : { opType: 'Identity', input: [internal], output: [external], name: name(`${external}_identity`), domain: '' });
    if (fromFp16) report.castsInserted++;
  }
  main.node = tail;
  for (const { graph } of allGraphs(main)) graph.valueInfo = []; // stale element types otherwise
  const bytes = encodeModel(model);
  assertOutputWiring(bytes, BUILDER);
  report.bytesAfter = bytes.length;
  return { bytes, report };
}

function preflight(model: ModelProto): void {
  const main = model.graph as GraphProto;
  const external = findExternalTensor(main);
  if (external) throw refusal(BUILDER, `tensor "${external.tensor}" is kept in an external data file; upload one self-contained .onnx file`, external.node, external.path);
  for (const { graph, path } of allGraphs(main)) {
    const quantized = (graph.node ?? []).find(isQuantizedOp);
    if (quantized) throw refusal(BUILDER, 'the model is already quantized; build variants from the float original', quantized, path);
    const half = [...(graph.initializer ?? []).map((t) => [t.name, t.dataType] as const), ...(graph.input ?? []).map((v) => [v.name, valueElemType(v)] as const)]
      .find(([, t]) => t === DataType.FLOAT16);
    if (half) throw refusal(BUILDER, `tensor "${half[0] ?? ''}" is already float16; build variants from the FP32 original`, undefined, path);
  }
  assertInputWiring(main, BUILDER);
}

/**
 * Graph outputs must keep their names and FP32 type, so the tensor behind each float output is
 * renamed ("<name>_fp16") and a Cast back to FP32 under the original name is appended at the end.
 */
function renameFloatOutputs(main: GraphProto, types: TypeMap, name: (b: string) => string) {
  const inputs = new Set((main.input ?? []).map((v) => v.name ?? ''));
  const renamed: { internal: string; external: string }[] = [];
  for (const external of new Set((main.output ?? []).map((o) => o.name ?? ''))) {
    if (inputs.has(external) || types.get(external) !== DataType.FLOAT) continue;
    const internal = name(`${external}_fp16`);
    const swap = (n: string) => (n === external ? internal : n);
    for (const { graph } of allGraphs(main)) {
      for (const node of graph.node ?? []) {
        node.input = (node.input ?? []).map(swap);
        node.output = (node.output ?? []).map(swap);
      }
      for (const t of graph.initializer ?? []) t.name = swap(t.name ?? '');
      if (graph !== main) for (const o of graph.output ?? []) o.name = swap(o.name ?? '');
    }
    types.set(internal, DataType.FLOAT);
    renamed.push({ internal, external });
  }
  return renamed;
}

/** Cast, Shape and Size read any element type: their float inputs are left as they are. */
const ANY_TYPE_READERS = new Set(['Cast', 'Shape', 'Size']);

function fp32ReaderCheck(main: GraphProto, blocked: (n: NodeProto) => boolean) {
  const wants16 = new Set<string>();
  for (const { graph } of allGraphs(main)) {
    for (const node of graph.node ?? []) {
      if (blocked(node) || ANY_TYPE_READERS.has(node.opType ?? '')) continue;
      const fp32Inputs = OP_INFO.get(node.opType ?? '')?.fp32Inputs ?? [];
      (node.input ?? []).forEach((i, k) => { if (!fp32Inputs.includes(k)) wants16.add(i); });
    }
    // Bodies and branches hand their float outputs to If / Loop / Scan in FP16.
    if (graph !== main) for (const o of graph.output ?? []) wants16.add(o.name ?? '');
  }
  return (name: string) => !wants16.has(name);
}

/** Converts one graph in place (and its subgraphs); returns the new node list. */
function convertGraph(graph: GraphProto, path: string, parents: GraphProto[], s: State): NodeProto[] {
  s.casts.set(graph, new Map());
  // An initializer that is also a graph input (old IR) is a default a caller may override: it keeps
  // the declared FP32 type like any other input.
  const inputs = new Set((graph.input ?? []).map((v) => v.name ?? ''));
  graph.initializer = (graph.initializer ?? []).map((t) => {
    if (t.dataType !== DataType.FLOAT || inputs.has(t.name ?? '')) return t;
    const converted = convertTensor(t, s);
    s.prec.set(t.name ?? '', converted.dataType === DataType.FLOAT16 ? 16 : 32);
    return converted;
  });
  if (parents.length > 0) {
    for (const v of graph.input ?? []) if (s.types.get(v.name ?? '') === DataType.FLOAT) setHalf(v, s);
  }
  const out: NodeProto[] = [];
  for (const node of graph.node ?? []) {
    const keep32 = s.blocked(node);
    const info = OP_INFO.get(node.opType ?? '');
    const fp32Inputs = info?.fp32Inputs ?? [];
    let touchesFloat = false;
    node.input = (node.input ?? []).map((input, i) => {
      if (!input || s.types.get(input) !== DataType.FLOAT) return input;
      touchesFloat = true;
      // Converting the input of an any-type reader would only add a rounding.
      if (ANY_TYPE_READERS.has(node.opType ?? '')) return input;
      return ensurePrecision(input, keep32 || fp32Inputs.includes(i) ? 32 : 16, graph, parents, out, path, node, s);
    });
    for (const sub of subgraphsOf(node)) {
      sub.graph.node = convertSubgraph(sub.graph, `${path}/${node.name || node.opType}.${sub.attr}`, [...parents, graph], s);
    }
    if (!keep32) rewriteAttributes(node, s);
    (node.output ?? []).forEach((output, i) => {
      if (!output || s.types.get(output) !== DataType.FLOAT) return;
      touchesFloat = true;
      s.prec.set(output, outputPrecision(node, i, output, keep32, s));
    });
    if (keep32 && touchesFloat) s.report.keptFp32[node.opType ?? ''] = (s.report.keptFp32[node.opType ?? ''] ?? 0) + 1;
    out.push(node);
  }
  return out;
}

/** A body or branch: like a graph, and its float outputs leave in FP16 (what If / Loop / Scan pass on). */
function convertSubgraph(graph: GraphProto, path: string, parents: GraphProto[], s: State): NodeProto[] {
  const out = convertGraph(graph, path, parents, s);
  for (const o of graph.output ?? []) {
    if (s.types.get(o.name ?? '') !== DataType.FLOAT) continue;
    o.name = ensurePrecision(o.name ?? '', 16, graph, parents, out, path, undefined, s);
    setHalf(o, s);
  }
  return out;
}

function outputPrecision(node: NodeProto, index: number, output: string, keep32: boolean, s: State): Precision {
  const info = OP_INFO.get(node.opType ?? '');
  const rule = info ? outputRule(info, index) : 'input0';
  // A dtype attribute fixes the output type (left as written); without one, *Like ops follow input 0.
  if (rule === 'fp32' || keep32 || (rule === 'dtype' && (getAttr(node, 'dtype') || !node.input?.[0]))) return 32;
  if (node.opType === 'Cast') {
    // A Cast to float whose readers all want FP32 stays FP32: int -> half -> float would lose digits.
    if (s.onlyFp32Readers(output)) return 32;
    (node.attribute ?? []).forEach((a) => { if (a.name === 'to') a.i = DataType.FLOAT16; });
    return 16;
  }
  if (rule === 'constant') return constantPrecision(node);
  return 16;
}

function constantPrecision(node: NodeProto): Precision {
  const value = getAttr(node, 'value')?.t;
  return value && value.dataType === DataType.FLOAT16 ? 16 : 32;
}

/** Constant / ConstantOfShape values to float16 (value_float(s) become a value tensor). */
function rewriteAttributes(node: NodeProto, s: State): void {
  if (node.opType === 'Constant') {
    node.attribute = (node.attribute ?? []).map((a) => {
      const label = node.output?.[0] ?? '';
      if (a.name === 'value' && a.t?.dataType === DataType.FLOAT) return makeAttr('value', { tensor: convertTensor(a.t, s, label) });
      if (a.name === 'value_float') return makeAttr('value', { tensor: convertTensor(floatTensor('', [], Float32Array.of(a.f ?? 0)), s, label) });
      if (a.name === 'value_floats') return makeAttr('value', { tensor: convertTensor(floatTensor('', [a.floats?.length ?? 0], Float32Array.from(a.floats ?? [])), s, label) });
      return a;
    });
  } else if (node.opType === 'ConstantOfShape') {
    const value = getAttr(node, 'value')?.t;
    // No value attribute means float32 zeros (ONNX ConstantOfShape).
    if (!value) node.attribute = [...(node.attribute ?? []), makeAttr('value', { tensor: float16Tensor('', [1], new Uint16Array(1)) })];
    else if (value.dataType === DataType.FLOAT) node.attribute = (node.attribute ?? []).map((a) => (a.name === 'value' ? makeAttr('value', { tensor: convertTensor(value, s, node.output?.[0]) }) : a));
  }
}

/** The tensor in float16, or unchanged (FP32) when a value is beyond the float16 range. */
function convertTensor(t: TensorProto, s: State, label = t.name ?? ''): TensorProto {
  if (t.dataType !== DataType.FLOAT) return t;
  const values = readFloats(t);
  if (values.some((v) => Number.isFinite(v) && Math.abs(v) > HALF_MAX)) {
    s.report.outOfRangeTensors.push(label);
    return t;
  }
  s.report.convertedTensors++;
  return float16Tensor(t.name ?? '', tensorDims(t), toFloat16Bits(values));
}

function setHalf(v: { type?: { tensorType?: { elemType?: number | null } | null } | null; name?: string | null }, s: State) {
  if (v.type?.tensorType) v.type.tensorType.elemType = DataType.FLOAT16;
  s.prec.set(v.name ?? '', 16);
}

/** The name of `tensor` in the wanted precision, inserting (or reusing) a Cast before the reader. */
function ensurePrecision(tensor: string, want: Precision, graph: GraphProto, parents: GraphProto[], out: NodeProto[], path: string, reader: NodeProto | undefined, s: State): string {
  const have = s.prec.get(tensor);
  if (have === undefined) throw refusal(BUILDER, `input "${tensor}" is read before it is produced (nodes are not in topological order)`, reader, path);
  if (have === want) return tensor;
  const key = `${tensor}|${want}`;
  // Casts made earlier in this graph or in an enclosing one (before this node) are visible here.
  for (const g of [graph, ...parents]) {
    const hit = s.casts.get(g)?.get(key);
    if (hit) return hit;
  }
  const cast = s.name(`${tensor}_${want === 16 ? 'fp16' : 'fp32'}`);
  out.push(makeCast(tensor, cast, want === 16 ? DataType.FLOAT16 : DataType.FLOAT, s.name(`${cast}_cast`)));
  s.casts.get(graph)?.set(key, cast);
  s.prec.set(cast, want);
  s.types.set(cast, DataType.FLOAT);
  s.report.castsInserted++;
  return cast;
}
