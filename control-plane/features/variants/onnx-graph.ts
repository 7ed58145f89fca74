/**
 * Graph plumbing shared by the variant builders: decode and encode, walk a graph and the subgraphs
 * of its If / Loop / Scan nodes, read attributes, build nodes, mint fresh names, and refuse a model
 * with an INVALID_ONNX error that names the node.
 */
import onnxProto from 'onnx-proto';
import { EdgefleetError } from '../../../protocol/index.ts';
import { toInt, type IntLike, type TensorProto } from './tensor-data.ts';

const { onnx } = onnxProto;
const { AttributeType } = onnx.AttributeProto;

export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** What a variant builder returns: the new model, and a report of what it did. */
export interface VariantResult<R> {
  bytes: Uint8Array;
  report: R;
}

/** Where a node sits, for messages: the graph path ("main", "main/If_0.then_branch") and its label. */
export function nodeLabel(node: NodeProto): string {
  return node.name ? `"${node.name}" (${node.opType ?? '?'})` : `unnamed ${node.opType ?? '?'} node producing "${node.output?.[0] ?? ''}"`;
}

/** An INVALID_ONNX error a builder throws instead of writing a file it cannot vouch for. */
export function refusal(builder: string, reason: string, node?: NodeProto, graphPath?: string): EdgefleetError {
  const where = node ? ` at node ${nodeLabel(node)}${graphPath ? ` in graph ${graphPath}` : ''}` : '';
  return new EdgefleetError('INVALID_ONNX', `${builder}: cannot build this variant${where}: ${reason}`, {
    details: { builder, reason, ...(node ? { node: node.name ?? '', op: node.opType ?? '', domain: node.domain ?? '' } : {}), ...(graphPath ? { graph: graphPath } : {}) },
  });
}

export function decodeModel(bytes: Uint8Array, builder: string): ModelProto {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new EdgefleetError('INVALID_ONNX', `${builder}: the input is not a decodable ONNX model (${(cause as Error).message})`, { cause });
  }
  if (!model.graph) throw refusal(builder, 'the model has no graph');
  return model;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export const isDefaultDomain = (domain: string | null | undefined) => !domain || domain === 'ai.onnx';

/** Opset of the default ONNX domain. */
export function defaultOpset(model: ModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => isDefaultDomain(o.domain));
  return entry ? toInt(entry.version as IntLike) : 0;
}

/** The subgraphs a node carries (If branches, Loop and Scan bodies), with their attribute names. */
export function subgraphsOf(node: NodeProto): { attr: string; graph: GraphProto }[] {
  const out: { attr: string; graph: GraphProto }[] = [];
  for (const a of node.attribute ?? []) {
    if (a.g) out.push({ attr: a.name ?? '', graph: a.g });
    (a.graphs ?? []).forEach((g, i) => out.push({ attr: `${a.name ?? ''}[${i}]`, graph: g }));
  }
  return out;
}

export interface GraphVisit {
  graph: GraphProto;
  /** "main", then "main/<node>.<attr>" for subgraphs. */
  path: string;
  /** Enclosing graphs, outermost first: their names are visible here (outer-scope references). */
  parents: GraphProto[];
}

/** Every graph of the model, parents before children. */
export function allGraphs(main: GraphProto): GraphVisit[] {
  const out: GraphVisit[] = [];
  const walk = (graph: GraphProto, path: string, parents: GraphProto[]) => {
    out.push({ graph, path, parents });
    for (const node of graph.node ?? []) {
      for (const sub of subgraphsOf(node)) walk(sub.graph, `${path}/${node.name || node.opType}.${sub.attr}`, [...parents, graph]);
    }
  };
  walk(main, 'main', []);
  return out;
}

/** The first tensor kept in an external data file, anywhere in the model. */
export function findExternalTensor(main: GraphProto): { tensor: string; node?: NodeProto; path: string } | undefined {
  const isExternal = (t: TensorProto | null | undefined) =>
    !!t && (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0);
  for (const { graph, path } of allGraphs(main)) {
    const init = (graph.initializer ?? []).find(isExternal);
    if (init) return { tensor: init.name ?? '', path };
    for (const node of graph.node ?? []) {
      for (const a of node.attribute ?? []) {
        if (isExternal(a.t) || (a.tensors ?? []).some(isExternal)) return { tensor: a.t?.name ?? a.name ?? '', node, path };
      }
    }
  }
  return undefined;
}

export function getAttr(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const a = getAttr(node, name);
  return a ? toInt(a.i as IntLike) : fallback;
}

export function attrFloat(node: NodeProto, name: string, fallback: number): number {
  const a = getAttr(node, name);
  return a && a.f !== null && a.f !== undefined ? a.f : fallback;
}

export type AttrInput = number | number[] | { float: number } | { string: string } | { tensor: TensorProto } | { graph: GraphProto };

export function makeAttr(name: string, value: AttrInput): AttributeProto {
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('string' in value) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
  if ('tensor' in value) return { name, type: AttributeType.TENSOR, t: value.tensor };
  return { name, type: AttributeType.GRAPH, g: value.graph };
}

export function makeNode(opType: string, inputs: string[], outputs: string[], name: string, attrs: AttributeProto[] = []): NodeProto {
  return { opType, input: inputs, output: outputs, name, attribute: attrs, domain: '' };
}

/** A Cast node; `to` is a TensorProto.DataType. */
export const makeCast = (input: string, output: string, to: number, name: string) =>
  makeNode('Cast', [input], [output], name, [makeAttr('to', to)]);

/**
 * Mints names no tensor or node of the model uses yet, so inserted tensors never collide with
 * (or shadow, inside a subgraph) an existing one.
 */
export function createNamer(main: GraphProto): (base: string) => string {
  const used = new Set<string>();
  for (const { graph } of allGraphs(main)) {
    for (const v of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) used.add(v.name ?? '');
    for (const t of graph.initializer ?? []) used.add(t.name ?? '');
    for (const n of graph.node ?? []) {
      used.add(n.name ?? '');
      for (const o of n.output ?? []) used.add(o);
    }
  }
  return (base: string) => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}

/** Element type of a value info when it is a tensor, else undefined. */
export const valueElemType = (v: ValueInfoProto): number | undefined => v.type?.tensorType?.elemType ?? undefined;

/**
 * Operators that only appear in an already quantized model: ONNX's QuantizeLinear, DequantizeLinear,
 * DynamicQuantizeLinear, MatMulInteger, ConvInteger, QLinear*, and onnxruntime's com.microsoft
 * counterparts (QGemm, QAttention, DynamicQuantizeMatMul, MatMulIntegerToFloat, MatMulNBits, ...).
 * Quantizing or halving such a model again would stack a second rounding on the first.
 */
export function isQuantizedOp(node: NodeProto): boolean {
  return /^Q[A-Z]|Quantize|Integer|NBits|Bnb4/.test(node.opType ?? '');
}
