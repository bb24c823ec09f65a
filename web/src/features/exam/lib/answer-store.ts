import type { Answer } from '@/features/exam/api/exam-api';

/**
 * The browser's copy of answers not yet acknowledged by the server, in IndexedDB (it survives a reload, a crashed tab
 * and a closed browser). An answer goes here first, then to the server; the server's acknowledgement (its seq) removes it.
 * Keyed by [attemptId, itemId]: a newer answer to the same item replaces the queued one.
 */
const DB_NAME = 'skillcert-exam';
const STORE = 'pending';

export interface PendingAnswer extends Answer {
  attemptId: string;
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) {
        const store = db.createObjectStore(STORE, { keyPath: ['attemptId', 'itemId'] });
        store.createIndex('attempt', 'attemptId');
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

/** Queue an answer (replacing an older one for the same item). */
export async function putPending(a: PendingAnswer): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const existing = await new Promise<PendingAnswer | undefined>((resolve, reject) => {
    const req = store.get([a.attemptId, a.itemId]);
    req.onsuccess = () => resolve(req.result as PendingAnswer | undefined);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
  if (!existing || existing.seq <= a.seq) store.put(a);
  await done(tx);
}

/** Every queued answer of an attempt. */
export async function listPending(attemptId: string): Promise<PendingAnswer[]> {
  const db = await open();
  const tx = db.transaction(STORE, 'readonly');
  const req = tx.objectStore(STORE).index('attempt').getAll(attemptId);
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as PendingAnswer[]);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

/** Drop the queued answers the server acknowledged (only if no newer answer was queued meanwhile). */
export async function ackPending(attemptId: string, saved: { itemId: string; seq: number }[]): Promise<void> {
  if (saved.length === 0) return;
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  for (const s of saved) {
    const req = store.get([attemptId, s.itemId]);
    req.onsuccess = () => {
      const row = req.result as PendingAnswer | undefined;
      if (row && row.seq <= s.seq) store.delete([attemptId, s.itemId]);
    };
  }
  await done(tx);
}

/** Forget an attempt's queue (after it was submitted). */
export async function clearPending(attemptId: string): Promise<void> {
  const db = await open();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const req = store.index('attempt').getAllKeys(attemptId);
  req.onsuccess = () => {
    for (const k of req.result) store.delete(k);
  };
  await done(tx);
}
