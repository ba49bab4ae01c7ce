// H5 photo store for the 随手拍 outbox. A picked photo is a blob: URL that dies with the page, so a queued
// report's photos are copied into IndexedDB and referred to as `idb:<id>`; before sending, each becomes a fresh
// blob: URL again. Without IndexedDB (private mode in old browsers, tests) the blob: URL is kept as it was.

const DB_NAME = 'xjy-outbox';
const STORE = 'photos';
export const IDB_PREFIX = 'idb:';

function openDb(): Promise<IDBDatabase> | null {
  if (typeof indexedDB === 'undefined') return null;
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function tx<T>(db: IDBDatabase, mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = run(db.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Copies a picked photo somewhere that survives a reload; returns what to store in the outbox. */
export async function persistPhoto(path: string): Promise<string> {
  const opening = openDb();
  if (!opening || !path.startsWith('blob:')) return path;
  try {
    const blob = await (await fetch(path)).blob();
    const db = await opening;
    const id = `${IDB_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    await tx(db, 'readwrite', (s) => s.put(blob, id));
    db.close();
    return id;
  } catch {
    // Storage full or refused: the report still goes out while this page lives.
    return path;
  }
}

const urls = new Map<string, string>();

/** A path the uploader can send now, or null when the photo is gone (a blob: URL from before a reload). */
export async function resolvePhoto(ref: string): Promise<string | null> {
  if (ref.startsWith(IDB_PREFIX)) {
    const known = urls.get(ref);
    if (known) return known;
    const opening = openDb();
    if (!opening) return null;
    const db = await opening;
    const blob = await tx<Blob | undefined>(db, 'readonly', (s) => s.get(ref) as IDBRequest<Blob | undefined>);
    db.close();
    if (!blob) return null;
    const url = URL.createObjectURL(blob);
    urls.set(ref, url);
    return url;
  }
  if (ref.startsWith('blob:')) {
    try {
      await (await fetch(ref)).blob();
      return ref;
    } catch {
      return null;
    }
  }
  return ref;
}

/** Frees a stored photo once its report is sent or deleted. */
export async function discardPhoto(ref: string): Promise<void> {
  const url = urls.get(ref);
  if (url) URL.revokeObjectURL(url);
  urls.delete(ref);
  if (!ref.startsWith(IDB_PREFIX)) return;
  const opening = openDb();
  if (!opening) return;
  const db = await opening;
  await tx(db, 'readwrite', (s) => s.delete(ref));
  db.close();
}
