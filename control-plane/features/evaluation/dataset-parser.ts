/**
 * Parsing an uploaded reference data set (CSV with a header row, or JSON Lines). Every error names
 * the data row (1-based, header excluded) and its line, so the uploader can find it.
 */
import { EdgefleetError } from '../../../protocol/index.ts';

/** One data row: its line in the upload and its cells by column name (a Map: column names are data). */
export interface DatasetRow {
  row: number;
  line: number;
  values: Map<string, unknown>;
}

export interface Dataset {
  columns: string[];
  rows: DatasetRow[];
}

/** Most rows one profile is built from: the model runs on every one of them. */
export const MAX_DATASET_ROWS = 200_000;

function invalid(message: string): EdgefleetError {
  return new EdgefleetError('VALIDATION_FAILED', `invalid dataset: ${message}`);
}

/** Split CSV text into records of fields (RFC 4180: quoted fields, "" escapes, CRLF or LF). */
function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
      fields = []; field = ''; line++; recordLine = line;
    } else field += ch;
  }
  if (quoted) throw invalid(`line ${recordLine}: a quoted field is not closed`);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}

/**
 * CSV: the first record names the columns; every row must have as many cells. Cells stay strings
 * ('' is missing); the caller converts them per column.
 *
 * @example
 * parseCsv('a,b\n1,2\n').rows[0].values.get('b') // '2'
 */
export function parseCsv(text: string): Dataset {
  const records = csvRecords(text);
  const header = records.shift();
  if (!header) throw invalid('the CSV has no header row');
  const columns = header.fields.map((c) => c.trim());
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) throw invalid(`column "${duplicate}" appears twice in the header`);
  if (records.length > MAX_DATASET_ROWS) throw invalid(`${records.length} rows; at most ${MAX_DATASET_ROWS}`);
  const rows = records.map((r, i): DatasetRow => {
    if (r.fields.length !== columns.length) {
      throw invalid(`row ${i + 1} (line ${r.line}) has ${r.fields.length} cells, the header has ${columns.length}`);
    }
    return { row: i + 1, line: r.line, values: new Map(columns.map((c, k) => [c, r.fields[k]!])) };
  });
  return { columns, rows };
}

/**
 * JSON Lines: one object per non-empty line. Values are kept as parsed (numbers, strings, null, or
 * arrays for whole inputs).
 *
 * @example
 * parseJsonLines('{"a":1}\n{"a":2}\n').rows.length // 2
 */
export function parseJsonLines(text: string): Dataset {
  const columns = new Set<string>();
  const rows: DatasetRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const source = lines[i]!.trim();
    if (source === '') continue;
    const row = rows.length + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      throw invalid(`row ${row} (line ${i + 1}) is not valid JSON: ${(err as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`row ${row} (line ${i + 1}) must be a JSON object`);
    const values = new Map(Object.entries(value as Record<string, unknown>));
    for (const k of values.keys()) columns.add(k);
    rows.push({ row, line: i + 1, values });
    if (rows.length > MAX_DATASET_ROWS) throw invalid(`more than ${MAX_DATASET_ROWS} rows`);
  }
  return { columns: [...columns], rows };
}

/** Where a cell is, for messages: `row 3 (line 4), column "radius"`. */
export function cellName(row: DatasetRow, column: string): string {
  return `row ${row.row} (line ${row.line}), column "${column}"`;
}

/**
 * A cell as a number: numbers pass, numeric strings convert, '' / null / absent are missing (NaN).
 * Throws VALIDATION_FAILED naming the cell otherwise.
 */
export function numericCell(row: DatasetRow, column: string): number {
  const value = row.values.get(column);
  if (value === undefined || value === null || value === '') return NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const lowered = trimmed.toLowerCase();
    if (lowered === 'nan' || lowered === 'na' || lowered === 'null') return NaN;
    const n = Number(trimmed);
    if (trimmed !== '' && !Number.isNaN(n)) return n;
  }
  throw invalid(`${cellName(row, column)}: ${JSON.stringify(value)} is not a number`);
}

/** A label cell: a number when it reads as one, else the trimmed string; '' / null / absent are null. */
export function labelCell(row: DatasetRow, column: string): string | number | null {
  const value = row.values.get(column);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    const n = Number(trimmed);
    return trimmed !== '' && !Number.isNaN(n) ? n : trimmed;
  }
  if (typeof value === 'boolean') return String(value);
  throw invalid(`${cellName(row, column)}: a label must be a number or a string`);
}
