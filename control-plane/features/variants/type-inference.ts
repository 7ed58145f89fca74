/**
 * Element types of every tensor in a model, including If / Loop / Scan bodies, from the declared
 * graph inputs, initializers and the per-operator rules of fp16-ops.ts. Only what convertFp16 needs:
 * which tensors are float32. value_info entries fill gaps (an exporter's shape inference) but rules
 * win, because convertFp16 drops value_info anyway once types change.
 */
import { OP_INFO, outputRule } from './fp16-ops.ts';
import { getAttr, isDefaultDomain, refusal, valueElemType, type GraphProto, type NodeProto } from './onnx-graph.ts';
import { DataType, toInt, type IntLike } from './tensor-data.ts';

export type TypeMap = Map<string, number>;

const BUILDER = 'convertFp16';

/** Element types by tensor name (names are unique across a model and its subgraphs). */
export function inferElemTypes(main: GraphProto): TypeMap {
  const types: TypeMap = new Map();
  inferGraph(main, 'main', types);
  return types;
}

function inferGraph(graph: GraphProto, path: string, types: TypeMap): void {
  for (const v of graph.input ?? []) {
    const t = valueElemType(v);
    if (t) types.set(v.name ?? '', t);
  }
  for (const t of graph.initializer ?? []) types.set(t.name ?? '', t.dataType ?? 0);
  const hints = new Map((graph.valueInfo ?? []).map((v) => [v.name ?? '', valueElemType(v)]));
  for (const node of graph.node ?? []) {
    const info = isDefaultDomain(node.domain) ? OP_INFO.get(node.opType ?? '') : undefined;
    if (!info) {
      const domain = node.domain ? `domain "${node.domain}"` : 'the default domain';
      throw refusal(BUILDER, `operator ${node.opType ?? '?'} of ${domain} is not one convertFp16 knows; it cannot tell which of its tensors may change precision`, node, path);
    }
    const outputs = info.outputs[0] === 'subgraph' ? subgraphOutputTypes(node, path, types) : undefined;
    (node.output ?? []).forEach((out, i) => {
      if (!out) return;
      const t = outputs ? outputs[i] : ruleType(node, outputRule(info, i), types);
      const resolved = t || hints.get(out);
      if (!resolved) throw refusal(BUILDER, `cannot tell the element type of output "${out}"`, node, path);
      types.set(out, resolved);
    });
  }
}

function ruleType(node: NodeProto, rule: string, types: TypeMap): number | undefined {
  const input = (i: number) => types.get(node.input?.[i] ?? '');
  switch (rule) {
    case 'input0': return input(0);
    case 'input1': return input(1);
    case 'input2': return input(2);
    case 'bool': return DataType.BOOL;
    case 'int64': return DataType.INT64;
    case 'fp32': return DataType.FLOAT;
    case 'cast': return toInt(getAttr(node, 'to')?.i as IntLike) || undefined;
    case 'constant': return constantType(node);
    case 'dtype': {
      const dtype = getAttr(node, 'dtype');
      if (dtype) return toInt(dtype.i as IntLike);
      return node.input?.[0] ? input(0) : DataType.FLOAT;
    }
    default: return undefined;
  }
}

/** Constant (any value_* attribute) and ConstantOfShape (value, float32 zero when absent). */
function constantType(node: NodeProto): number | undefined {
  const attr = (node.attribute ?? [])[0];
  if (node.opType === 'ConstantOfShape') return getAttr(node, 'value')?.t?.dataType ?? DataType.FLOAT;
  switch (attr?.name) {
    case 'value': return attr.t?.dataType ?? undefined;
    case 'value_float': case 'value_floats': return DataType.FLOAT;
    case 'value_int': case 'value_ints': return DataType.INT64;
    case 'value_string': case 'value_strings': return DataType.STRING;
    default: return undefined; // sparse_value: refused by the caller as unknown
  }
}

/** Output types of If / Loop / Scan from their bodies, after typing the bodies' own inputs. */
function subgraphOutputTypes(node: NodeProto, path: string, types: TypeMap): (number | undefined)[] {
  const op = node.opType;
  const body = (name: string) => getAttr(node, name)?.g ?? undefined;
  const outputTypes = (g: GraphProto) => (g.output ?? []).map((o) => types.get(o.name ?? '') ?? valueElemType(o));
  if (op === 'If') {
    const thenBranch = body('then_branch');
    const elseBranch = body('else_branch');
    if (!thenBranch || !elseBranch) throw refusal(BUILDER, 'If without both branches', node, path);
    inferGraph(thenBranch, `${path}/${node.name || op}.then_branch`, types);
    inferGraph(elseBranch, `${path}/${node.name || op}.else_branch`, types);
    return outputTypes(thenBranch);
  }
  const g = body('body');
  if (!g) throw refusal(BUILDER, `${op} without a body`, node, path);
  // Loop body inputs: iteration number, condition, then the loop-carried values (node inputs 2..).
  // Scan body inputs: the state values, then one element of each scanned input (node inputs 0..).
  const carriedFrom = op === 'Loop' ? 2 : 0;
  (g.input ?? []).forEach((v, i) => {
    const declared = valueElemType(v);
    const fromNode = op === 'Loop' ? (i === 0 ? DataType.INT64 : i === 1 ? DataType.BOOL : types.get(node.input?.[i] ?? '')) : types.get(node.input?.[carriedFrom + i] ?? '');
    const t = declared || fromNode;
    if (t) types.set(v.name ?? '', t);
  });
  inferGraph(g, `${path}/${node.name || op}.body`, types);
  // Loop body outputs start with the condition, which is not a Loop output.
  return outputTypes(g).slice(op === 'Loop' ? 1 : 0);
}
