import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

/**
 * onnxruntime-web's WebAssembly binaries and their loaders, served from the installed package so
 * pages never reach a CDN. Only these names are served: the folder holds other builds we do not use.
 * `jsep` is what the default `onnxruntime-web` import loads (WASM and WebGPU in one binary).
 */
const ORT_FILE = /^ort-wasm-simd-threaded(\.jsep|\.asyncify|\.jspi)?\.(wasm|mjs)$/;

export interface OrtFile {
  size: number;
  etag: string;
  contentType: string;
  open(): ReadableStream<Uint8Array>;
}

/** The package's `dist` folder (resolved once; the Node entry sits in the same folder). */
export function ortDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
}

/** Look a file up by name; null for names outside the allow-list or missing files. */
export function createOrtFiles(dir: string = ortDistDir()): (name: string) => OrtFile | null {
  return (name) => {
    if (!ORT_FILE.test(name)) return null;
    const path = join(dir, name);
    let size: number;
    let mtime: number;
    try {
      const stat = statSync(path);
      size = stat.size;
      mtime = Math.round(stat.mtimeMs);
    } catch {
      return null;
    }
    return {
      size,
      // The files change only when the package is upgraded: size and mtime identify a version well enough.
      etag: `"ort-${size.toString(36)}-${mtime.toString(36)}"`,
      // application/wasm is what WebAssembly.instantiateStreaming insists on.
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8',
      open: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    };
  };
}
