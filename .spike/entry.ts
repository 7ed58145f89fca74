import * as ort from 'onnxruntime-web';
export { ort };
export async function llm() { return import('@mlc-ai/web-llm'); }
