import { z } from 'zod';

/**
 * Open Inference Protocol v2 tensor datatypes (KServe "Tensor Data Types"). BYTES is listed for
 * completeness; the onnxruntime engines do not serve string tensors.
 */
export const oipDatatypes = [
  'BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64',
  'FP16', 'FP32', 'FP64', 'BYTES',
] as const;
export const oipDatatypeSchema = z.enum(oipDatatypes);
export type OipDatatype = z.infer<typeof oipDatatypeSchema>;

/**
 * A tensor's name, datatype and shape as read from the ONNX graph. A dimension is a number when
 * fixed, or a string when symbolic (`"batch"`), or -1 when unknown; symbolic names are kept so a
 * dynamic batch dimension can be recognised.
 *
 * @example
 * tensorSpecSchema.parse({ name: 'input', datatype: 'FP32', shape: ['batch', 512] })
 */
export const tensorSpecSchema = z.object({
  name: z.string().min(1),
  datatype: oipDatatypeSchema,
  shape: z.array(z.union([z.number().int().min(-1), z.string()])),
});
export type TensorSpec = z.infer<typeof tensorSpecSchema>;

/**
 * Size in bytes of one element of a datatype (BYTES has no fixed size: 0).
 *
 * @example
 * bytesPerElement('FP16') // 2
 */
export function bytesPerElement(datatype: OipDatatype): number {
  switch (datatype) {
    case 'BOOL': case 'UINT8': case 'INT8': return 1;
    case 'UINT16': case 'INT16': case 'FP16': return 2;
    case 'UINT32': case 'INT32': case 'FP32': return 4;
    case 'UINT64': case 'INT64': case 'FP64': return 8;
    case 'BYTES': return 0;
  }
}
