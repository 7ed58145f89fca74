import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../cli/apply/load-documents.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => /\.ya?ml$/.test(f));

describe('fleet-configs', () => {
  it('has the demo configuration', () => {
    expect(files).toContain('demo.yaml');
  });

  it.each(files)('%s validates against the protocol schemas', (file) => {
    const docs = loadDocuments(join(here, file));
    expect(docs.length).toBeGreaterThan(0);
  });
});
