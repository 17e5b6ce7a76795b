// Benchmark peers that need a native addon built from source, because this machine (and CI) cannot
// download prebuilt binaries: today @keyv/sqlite, whose sqlite3 addon has no build-free option in
// any released version. `install-native-peers.ts` installs them from native-peers/package-lock.json
// into native-peers/node_modules, outside pnpm; scenarios load them from there with this module.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How to install the native peers, quoted by every error about them. */
export const INSTALL_COMMAND = 'cd benchmarks && npx -y pnpm@10 run native-peers';

/** The folder holding native-peers/package.json and its lockfile, next to this file. */
export const NATIVE_PEERS_DIR: string = fileURLToPath(new URL('../native-peers/', import.meta.url));

/** The subset of @keyv/sqlite's `KeyvSqlite` store the benchmarks use. */
export interface KeyvSqliteStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<unknown>;
  delete(key: string): Promise<boolean>;
  clear(): Promise<void>;
  /** Runs SQL on the store's own connection; resolves the rows. */
  query(sql: string, ...params: unknown[]): Promise<unknown[]>;
  disconnect(): Promise<void>;
}

/** `new KeyvSqlite({ uri: 'sqlite:///path/file.sqlite' })`. */
export type KeyvSqliteConstructor = new (options: {
  uri: string;
  busyTimeout?: number;
}) => KeyvSqliteStore;

// A gate run imports the base revision's scenarios from a temporary worktree that has no
// native install of its own; it runs from the head's benchmarks/ folder, so look there too.
function installedDir(): string | undefined {
  const candidates = [
    NATIVE_PEERS_DIR,
    resolve('native-peers'),
    resolve('benchmarks/native-peers'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'node_modules/@keyv/sqlite/package.json')));
}

/**
 * Loads @keyv/sqlite (with its native sqlite3 addon) from the native-peers install.
 * Throws an error that says how to install it when it is missing or does not load.
 */
export function loadKeyvSqlite(): KeyvSqliteConstructor {
  const dir = installedDir();
  if (dir === undefined) {
    throw new Error(
      `@keyv/sqlite is not installed: it needs the native sqlite3 addon built from source. Run \`${INSTALL_COMMAND}\` (about 2 minutes, needs python3, make and g++).`,
    );
  }
  try {
    const require = createRequire(join(dir, 'package.json'));
    return (require('@keyv/sqlite') as { KeyvSqlite: KeyvSqliteConstructor }).KeyvSqlite;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `@keyv/sqlite in ${dir} does not load (${reason}): its sqlite3 addon is missing or built for another Node. Run \`${INSTALL_COMMAND}\`.`,
      { cause: error },
    );
  }
}
