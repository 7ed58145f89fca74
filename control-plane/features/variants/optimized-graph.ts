/**
 * Test and bench support: the graph onnxruntime actually runs, as saved by its optimizer. Shows
 * which kernels it picked (DynamicQuantizeMatMul for our integer subgraph) and whether it had to
 * insert casts of its own around float16 nodes it has no kernel for ("InsertedPrecisionFreeCast").
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { allGraphs, type GraphProto } from './onnx-graph.ts';

export interface OptimizedGraph {
  /** Operator types of every node, subgraphs included, as "Op" or "Op@domain". */
  ops: string[];
  nodeNames: string[];
  /** onnxruntime wrapped some float16 node in casts because it has no float16 kernel for it. */
  insertedCasts: boolean;
}

export async function optimizedGraph(bytes: Uint8Array, level: ort.InferenceSession.SessionOptions['graphOptimizationLevel'] = 'all'): Promise<OptimizedGraph> {
  const dir = mkdtempSync(join(tmpdir(), 'edgefleet-optimized-'));
  try {
    const file = join(dir, 'optimized.onnx');
    const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3, graphOptimizationLevel: level, optimizedModelFilePath: file });
    await session.release();
    const main = onnxProto.onnx.ModelProto.decode(readFileSync(file)).graph as GraphProto;
    const nodes = allGraphs(main).flatMap(({ graph }) => graph.node ?? []);
    // The transformer's casts may later merge with ours, but the tensor names it minted remain.
    const names = nodes.flatMap((n) => [n.name ?? '', ...(n.input ?? []), ...(n.output ?? [])]);
    return {
      ops: nodes.map((n) => (n.domain ? `${n.opType}@${n.domain}` : n.opType ?? '')),
      nodeNames: nodes.map((n) => n.name ?? ''),
      insertedCasts: names.some((x) => x.startsWith('InsertedPrecisionFreeCast')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
