/**
 * The few IndexedDB primitives the runtime needs, as promises. IndexedDB commits a transaction on
 * its own once no request is pending, so nothing else may be awaited inside one: bodies issue their
 * requests synchronously (chaining through `onsuccess`) and the promise settles on `complete`, which
 * is when the data is durable — what "written before it is used" needs.
 */

export const STORES = {
  /** Identity, sequence numbers, the last desired state, profiles: small values by key. */
  meta: 'meta',
  /** Device messages waiting for their ack, keyed [channel, seq]. */
  outbox: 'outbox',
  /** Open statistics windows, by window key. */
  checkpoints: 'checkpoints',
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

/** Open (and create or upgrade) the runtime's database. */
export function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORES.meta)) db.createObjectStore(STORES.meta);
      if (!db.objectStoreNames.contains(STORES.outbox)) db.createObjectStore(STORES.outbox, { keyPath: ['channel', 'seq'] });
      if (!db.objectStoreNames.contains(STORES.checkpoints)) db.createObjectStore(STORES.checkpoints);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${name} could not be opened`));
    // Another tab holds an older version open: it must close before we can upgrade.
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by another tab`));
  });
}

/**
 * Run `body` in one transaction; resolves with what it passed to `done` once the transaction has
 * committed, rejects when it aborts (a failed request aborts it, so nothing half-written remains).
 *
 * @example
 * const n = await inTransaction<number>(db, ['meta'], 'readwrite', (tx, done) => {
 *   const get = tx.objectStore('meta').get('count');
 *   get.onsuccess = () => { const next = (get.result ?? 0) + 1; tx.objectStore('meta').put(next, 'count'); done(next); };
 * });
 */
export function inTransaction<T>(
  db: IDBDatabase,
  stores: StoreName[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction, done: (value: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let result: T | undefined;
    let set = false;
    tx.oncomplete = () => (set ? resolve(result as T) : reject(new Error('transaction completed without a result')));
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    tx.onerror = () => undefined; // onabort follows and reports
    try {
      body(tx, (value) => {
        result = value;
        set = true;
      });
    } catch (error) {
      tx.abort();
      reject(error);
    }
  });
}

/** Read one value. */
export function getValue<T>(db: IDBDatabase, store: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return inTransaction<T | undefined>(db, [store], 'readonly', (tx, done) => {
    const request = tx.objectStore(store).get(key);
    request.onsuccess = () => done(request.result as T | undefined);
  });
}

/** Write one value (or delete it with `undefined`). */
export function putValue(db: IDBDatabase, store: StoreName, key: IDBValidKey, value: unknown): Promise<void> {
  return inTransaction<void>(db, [store], 'readwrite', (tx, done) => {
    const os = tx.objectStore(store);
    if (value === undefined) os.delete(key);
    else if (os.keyPath !== null) os.put(value);
    else os.put(value, key);
    done(undefined);
  });
}

/** Every value of a store, in key order. */
export function getAll<T>(db: IDBDatabase, store: StoreName): Promise<Array<{ key: IDBValidKey; value: T }>> {
  return inTransaction(db, [store], 'readonly', (tx, done) => {
    const out: Array<{ key: IDBValidKey; value: T }> = [];
    const cursor = tx.objectStore(store).openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return done(out);
      out.push({ key: c.primaryKey, value: c.value as T });
      c.continue();
    };
  });
}
