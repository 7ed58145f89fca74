/**
 * Structural sanity check of a model: every node input is produced by something it can see (a
 * graph input, an initializer, a node of the same graph, or an enclosing graph for If / Loop / Scan
 * bodies), every graph output is produced, and no tensor is produced twice. The builders run it on
 * their input (a broken upload is INVALID_ONNX) and on their own output after re-decoding it (a
 * failure there is a builder bug: INTERNAL, and no file is returned).
 */
import { EdgefleetError } from '../../../protocol/index.ts';
import { decodeModel, nodeLabel, refusal, subgraphsOf, type GraphProto, type NodeProto } from './onnx-graph.ts';

export interface WiringProblem {
  graph: string;
  node?: NodeProto;
  problem: string;
}

export function findWiringProblems(main: GraphProto): WiringProblem[] {
  const problems: WiringProblem[] = [];
  const visit = (graph: GraphProto, path: string, outer: ReadonlySet<string>) => {
    const local = new Set<string>();
    const define = (name: string, node?: NodeProto) => {
      if (!name) return;
      if (local.has(name)) problems.push({ graph: path, ...(node ? { node } : {}), problem: `tensor "${name}" is produced twice` });
      local.add(name);
    };
    // Old IR versions list initializers among the inputs too; that is one tensor, not two producers.
    const inputs = new Set((graph.input ?? []).map((v) => v.name ?? ''));
    inputs.forEach((n) => define(n));
    for (const t of graph.initializer ?? []) if (!inputs.has(t.name ?? '')) define(t.name ?? '');
    for (const node of graph.node ?? []) for (const o of node.output ?? []) define(o, node);
    const visible = new Set([...outer, ...local]);
    for (const node of graph.node ?? []) {
      for (const input of node.input ?? []) {
        // "" is how ONNX leaves out an optional input.
        if (input && !visible.has(input)) problems.push({ graph: path, node, problem: `input "${input}" is produced by nothing` });
      }
      for (const sub of subgraphsOf(node)) visit(sub.graph, `${path}/${node.name || node.opType}.${sub.attr}`, visible);
    }
    for (const out of graph.output ?? []) {
      if (!visible.has(out.name ?? '')) problems.push({ graph: path, problem: `graph output "${out.name ?? ''}" is produced by nothing` });
    }
  };
  visit(main, 'main', new Set());
  return problems;
}

const describe = (p: WiringProblem) => `${p.node ? `node ${nodeLabel(p.node)} in ` : ''}graph ${p.graph}: ${p.problem}`;

/** Refuse an input model whose wiring is broken, naming the first broken node. */
export function assertInputWiring(main: GraphProto, builder: string): void {
  const first = findWiringProblems(main)[0];
  if (first) throw refusal(builder, first.problem, first.node, first.graph);
}

/** Re-decode what a builder wrote and check it; throws INTERNAL (never returns a broken file). */
export function assertOutputWiring(bytes: Uint8Array, builder: string): void {
  const model = decodeModel(bytes, builder);
  const problems = findWiringProblems(model.graph as GraphProto);
  if (problems.length > 0) {
    throw new EdgefleetError('INTERNAL', `${builder} produced a broken graph: ${problems.slice(0, 3).map(describe).join('; ')}`, {
      details: { builder, problems: problems.map(describe) },
    });
  }
}
