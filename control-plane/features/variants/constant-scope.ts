/**
 * Finds the constant behind a tensor name as a node in some (sub)graph sees it: an initializer or a
 * Constant node, in the node's own graph or an enclosing one. Exporters differ: torch puts weights
 * in initializers, spox (Silero VAD v5) puts them in Constant nodes inside If branches.
 */
import { allGraphs, type GraphProto, type NodeProto } from './onnx-graph.ts';
import type { TensorProto } from './tensor-data.ts';

export interface ConstantRef {
  name: string;
  tensor: TensorProto;
  graph: GraphProto;
  kind: 'initializer' | 'constant-node';
  node?: NodeProto;
  /** An initializer that is also a graph input: a caller may feed another value at run time. */
  overridable: boolean;
}

export interface ConstantScope {
  /** The constant `name` resolves to from inside `graph` (nearest scope wins), if any. */
  lookup(graph: GraphProto, name: string): ConstantRef | undefined;
}

export function createConstantScope(main: GraphProto): ConstantScope {
  const local = new Map<GraphProto, Map<string, ConstantRef>>();
  const parentOf = new Map<GraphProto, GraphProto | undefined>();
  for (const { graph, parents } of allGraphs(main)) {
    parentOf.set(graph, parents[parents.length - 1]);
    const map = new Map<string, ConstantRef>();
    const inputs = new Set((graph.input ?? []).map((v) => v.name ?? ''));
    for (const tensor of graph.initializer ?? []) {
      const name = tensor.name ?? '';
      map.set(name, { name, tensor, graph, kind: 'initializer', overridable: inputs.has(name) });
    }
    for (const node of graph.node ?? []) {
      if (node.opType !== 'Constant' || (node.domain && node.domain !== 'ai.onnx')) continue;
      const value = (node.attribute ?? []).find((a) => a.name === 'value')?.t;
      const name = node.output?.[0];
      if (value && name) map.set(name, { name, tensor: value, graph, kind: 'constant-node', node, overridable: false });
    }
    local.set(graph, map);
  }
  return {
    lookup(graph, name) {
      for (let g: GraphProto | undefined = graph; g; g = parentOf.get(g)) {
        const hit = local.get(g)?.get(name);
        if (hit) return hit;
        // A name defined any other way in this scope (input, node output) shadows outer constants.
        if ((g.input ?? []).some((v) => v.name === name) || (g.node ?? []).some((n) => n.output?.includes(name))) return undefined;
      }
      return undefined;
    },
  };
}

/** Names read anywhere in the model: node inputs and graph outputs of every graph. */
export function referencedNames(main: GraphProto): Set<string> {
  const used = new Set<string>();
  for (const { graph } of allGraphs(main)) {
    for (const node of graph.node ?? []) for (const i of node.input ?? []) if (i) used.add(i);
    for (const o of graph.output ?? []) used.add(o.name ?? '');
  }
  return used;
}

/** Drops constants nothing reads any more (the float weights a builder replaced). */
export function removeUnusedConstants(main: GraphProto, candidates: Iterable<ConstantRef>): number {
  const used = referencedNames(main);
  let removed = 0;
  for (const ref of candidates) {
    if (used.has(ref.name)) continue;
    const g = ref.graph;
    if (ref.kind === 'initializer') {
      const before = g.initializer?.length ?? 0;
      g.initializer = (g.initializer ?? []).filter((t) => t.name !== ref.name);
      g.input = (g.input ?? []).filter((v) => v.name !== ref.name);
      if (g.initializer.length < before) removed++;
    } else {
      const before = g.node?.length ?? 0;
      g.node = (g.node ?? []).filter((n) => n !== ref.node);
      if (g.node.length < before) removed++;
    }
    g.valueInfo = (g.valueInfo ?? []).filter((v) => v.name !== ref.name);
    used.add(ref.name); // the same constant may be listed twice; remove it once
  }
  return removed;
}
