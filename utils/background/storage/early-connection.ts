/**
 * The library's connection, asked for before the page's code has loaded. An extension page that
 * reads the library (the popup, the library, a saved copy) starts with a tiny classic script
 * that opens the database while the browser is still fetching the page's modules; opened then,
 * the connection is ready about 50 ms sooner than when the page's code asks for it (Chromium,
 * medians of 12). `openDatabase` takes the connection if it is there. The early open never
 * creates or upgrades anything: a database that is missing or older is left to `openDatabase`,
 * whose upgrade steps then run as always.
 */
const KEY = 'clearmarkEarlyConnection';

/** An opened connection, and whether it is still open (the browser may have asked it to step aside). */
type Pending = Promise<{ db: IDBDatabase; open: () => boolean } | null>;

function slot(): Record<string, Pending | undefined> {
  return globalThis as unknown as Record<string, Pending | undefined>;
}

/** Starts opening the library's database (the early script calls this once, as the page starts, with the schema's name and version). */
export function openEarly(name: string, version: number): void {
  if (typeof indexedDB === 'undefined' || slot()[KEY]) return;
  slot()[KEY] = new Promise((settle) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name, version);
    } catch {
      settle(null);
      return;
    }
    // A missing or older database is not this script's to create or upgrade.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onblocked = () => settle(null);
    request.onerror = (event) => {
      event.preventDefault();
      settle(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      let open = true;
      // Like every connection Clearmark holds: a newer version wants to open, so step aside.
      db.onversionchange = () => {
        open = false;
        db.close();
      };
      settle({ db, open: () => open });
    };
  });
}

/**
 * The early connection to `name` at `version`, if the page started one and it opened; taken
 * once (a second caller opens its own). Null when there is none to take.
 */
export async function takeEarly(name: string, version: number): Promise<IDBDatabase | null> {
  const pending = slot()[KEY];
  if (!pending) return null;
  slot()[KEY] = undefined;
  const early = await pending;
  if (!early) return null;
  if (early.open() && early.db.name === name && early.db.version === version) return early.db;
  early.db.close();
  return null;
}
