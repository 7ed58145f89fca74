import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { configDocumentSchema, type ConfigDocument } from '../../protocol/index.ts';
import { CliError } from '../cli-error.ts';

export interface LoadedDocument {
  file: string;
  index: number;
  doc: ConfigDocument;
}

/** The YAML files a path names: the file itself, or every .yaml/.yml in a folder (sorted, not recursive). */
export function listConfigFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CliError(`${path}: no such file or folder`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f));
}

/**
 * Parse and validate every document. All errors are collected and reported together, each naming
 * the file, the document's position and the field, so one run shows everything to fix.
 */
export function loadDocuments(path: string): LoadedDocument[] {
  const loaded: LoadedDocument[] = [];
  const errors: string[] = [];
  for (const file of listConfigFiles(path)) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((d, index) => {
      const where = `${file}: document ${index + 1}`;
      if (d.errors.length > 0) {
        errors.push(`${where}: YAML error: ${d.errors[0]?.message.split('\n')[0]}`);
        return;
      }
      const value: unknown = d.toJS();
      if (value === null || value === undefined) return;
      const parsed = configDocumentSchema.safeParse(value);
      if (!parsed.success) {
        const kind = (value as { kind?: unknown }).kind;
        for (const issue of parsed.error.issues) {
          errors.push(`${where}${typeof kind === 'string' ? ` (${kind})` : ''}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
        }
        return;
      }
      loaded.push({ file, index, doc: parsed.data });
    });
  }
  if (errors.length > 0) throw new CliError(`invalid configuration:\n  ${errors.join('\n  ')}`);
  const seen = new Set<string>();
  for (const { file, doc } of loaded) {
    const key = `${doc.kind}/${doc.metadata.name}`;
    if (seen.has(key)) throw new CliError(`${file}: ${key} is defined twice`);
    seen.add(key);
  }
  return loaded;
}
