import Table from 'cli-table3';

export interface Output {
  json: boolean;
  write(text: string): void;
}

/** Print rows as a table for people, or the raw value as JSON for scripts (`--json`). */
export function printTable(out: Output, value: unknown, head: string[], rows: Array<Array<string | number | null | undefined>>): void {
  if (out.json) {
    out.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    out.write('(none)\n');
    return;
  }
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))));
  out.write(`${table.toString()}\n`);
}

/** Key/value pairs for a single object, or JSON. */
export function printRecord(out: Output, value: unknown, pairs: Array<[string, unknown]>): void {
  if (out.json) {
    out.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const width = Math.max(...pairs.map(([k]) => k.length));
  for (const [k, v] of pairs) {
    const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '-');
    out.write(`${k.padEnd(width)}  ${text}\n`);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
