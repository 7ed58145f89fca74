import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveChange } from '../../protocol/index.ts';
import { createTransactionRunner, type RunInTransaction } from '../db/transaction.ts';
import { createChangeBus, type ChangeBus } from './change-bus.ts';

const change = (action: string): LiveChange => ({ topic: 'model', action, id: 'vad', at: '2026-01-01T00:00:00.000Z' });

describe('change bus', () => {
  let db: Database.Database;
  let bus: ChangeBus;
  let tx: RunInTransaction;
  let seen: string[];
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (x INTEGER)');
    bus = createChangeBus();
    tx = bus.transactional(createTransactionRunner(db));
    seen = [];
    bus.subscribe((c) => seen.push(c.action));
  });
  afterEach(() => db.close());

  it('delivers at once outside a transaction', () => {
    bus.emit(change('a'));
    expect(seen).toEqual(['a']);
  });

  it('holds changes until the outermost transaction commits, when the data is visible', () => {
    let visibleAtDelivery = -1;
    bus.subscribe(() => { visibleAtDelivery = (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n; });
    tx(() => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      bus.emit(change('outer'));
      tx(() => bus.emit(change('inner')));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['outer', 'inner']);
    expect(visibleAtDelivery).toBe(1);
  });

  it('drops the changes of a rolled-back transaction, and only those of a failed nested one', () => {
    expect(() => tx(() => { bus.emit(change('lost')); throw new Error('boom'); })).toThrow('boom');
    expect(seen).toEqual([]);
    tx(() => {
      bus.emit(change('kept'));
      try {
        tx(() => { bus.emit(change('savepoint-lost')); throw new Error('inner'); });
      } catch { /* the outer transaction goes on */ }
    });
    expect(seen).toEqual(['kept']);
  });

  it('keeps delivering to the others when one listener throws, and stops after unsubscribe', () => {
    const errors: unknown[] = [];
    const guarded = createChangeBus({ onListenerError: (e) => errors.push(e) });
    const got: string[] = [];
    guarded.subscribe(() => { throw new Error('listener bug'); });
    const off = guarded.subscribe((c) => got.push(c.action));
    guarded.emit(change('x'));
    off();
    guarded.emit(change('y'));
    expect(got).toEqual(['x']);
    expect(errors).toHaveLength(2);
  });
});
