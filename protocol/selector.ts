import { EdgefleetError } from './errors.ts';
import type { Labels } from './labels.ts';

/** One clause of a label selector, with Kubernetes' semantics. */
export type Requirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export interface Selector {
  readonly source: string;
  readonly requirements: readonly Requirement[];
}

const KEY = /^[a-zA-Z0-9]([a-zA-Z0-9._/-]*[a-zA-Z0-9])?$/;
const VALUE = /^([a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?)?$/;

/**
 * Parse a Kubernetes-style label selector. An empty selector matches every device.
 * Supported: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by commas.
 *
 * @example
 * parseSelector('site=berlin,tier in (gpu,cpu),!canary')
 */
export function parseSelector(source: string): Selector {
  const requirements = splitClauses(source).map((clause) => parseClause(clause, source));
  return { source: source.trim(), requirements };
}

/**
 * Does a device with these labels match?
 *
 * @example
 * matchesSelector(parseSelector('tier in (gpu,cpu)'), { tier: 'gpu' }) // true
 */
export function matchesSelector(selector: Selector, labels: Labels): boolean {
  return selector.requirements.every((r) => matchesRequirement(r, labels));
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'eq':
      return has && value === r.value;
    case 'neq':
      return !has || value !== r.value;
    case 'in':
      return has && r.values.includes(value as string);
    case 'notin':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

// Commas separate clauses except inside the parentheses of `in (...)`.
function splitClauses(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of source) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0) throw bad(source, 'unbalanced ")"');
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) throw bad(source, 'unbalanced "("');
  out.push(current);
  const trimmed = out.map((c) => c.trim());
  if (trimmed.length === 1 && trimmed[0] === '') return [];
  if (trimmed.some((c) => c === '')) throw bad(source, 'empty clause between commas');
  return trimmed;
}

function parseClause(clause: string, source: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(clause);
  if (setMatch) {
    const [, key = '', op, list = ''] = setMatch;
    const values = list.split(',').map((v) => v.trim());
    if (values.length === 0 || values.some((v) => v === '' || !VALUE.test(v))) {
      throw bad(source, `"${clause}" needs a list of label values`);
    }
    return { key: checkKey(key, source), op: op as 'in' | 'notin', values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(clause);
  if (cmp) {
    const [, key = '', op, value = ''] = cmp;
    if (!VALUE.test(value)) throw bad(source, `"${value}" is not a valid label value`);
    return { key: checkKey(key, source), op: op === '!=' ? 'neq' : 'eq', value };
  }
  if (clause.startsWith('!')) return { key: checkKey(clause.slice(1).trim(), source), op: 'notexists' };
  return { key: checkKey(clause, source), op: 'exists' };
}

function checkKey(key: string, source: string): string {
  if (!KEY.test(key)) throw bad(source, `"${key}" is not a valid label key`);
  return key;
}

function bad(source: string, why: string): EdgefleetError {
  return new EdgefleetError('BAD_SELECTOR', `label selector "${source}": ${why}`);
}
