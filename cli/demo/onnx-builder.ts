/**
 * Thin helpers over onnx-proto so the model builders read like graphs, not protobuf plumbing.
 * onnx-proto 8 carries the ONNX 1.10 schema (IR version 8); opset 13 covers every op used here.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export const OPSET_VERSION = 13;
export const IR_VERSION = 8;

/** ONNX TensorProto element types used by the fixtures. */
export const ElemType = onnx.TensorProto.DataType;

/** A dimension: a number is fixed, a string is a symbolic (dynamic) dimension. */
export type Dim = number | string;

export type AttrValue = number | number[] | { float: number };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, AttrValue>;
}

export interface GraphSpec {
  name: string;
  inputs: onnxProto.onnx.IValueInfoProto[];
  outputs: onnxProto.onnx.IValueInfoProto[];
  nodes: NodeSpec[];
  initializers?: onnxProto.onnx.ITensorProto[];
  opset?: number;
}

export function valueInfo(name: string, elemType: number, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function floatTensor(name: string, dims: number[], values: Float32Array): onnxProto.onnx.ITensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`initializer ${name}: ${values.length} values for dims ${dims.join('x')}`);
  // raw_data is little-endian bytes; Float32Array is little-endian on every platform Node runs on here.
  return {
    name,
    dims,
    dataType: ElemType.FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function attribute(name: string, value: AttrValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.INT, i: value };
}

/** Encodes a graph into ONNX model bytes that onnxruntime can load. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'edgefleet-fixtures',
    opsetImport: [{ domain: '', version: spec.opset ?? OPSET_VERSION }],
    graph: {
      name: spec.name,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers ?? [],
      node: spec.nodes.map((n, i) => ({
        name: `${n.op.toLowerCase()}_${i}`,
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
