// Installs the benchmark peers that need a native addon (native-peers/package-lock.json: @keyv/sqlite
// and its sqlite3 addon), compiling the addon from source against the running Node's headers, since
// prebuilt binaries cannot be downloaded here. Skips everything when the install in
// native-peers/node_modules was made by the same Node for the same lockfile and still loads, so a
// cached re-run takes seconds. Needs npm, python3, make and g++; CI runs it before the suite.
// Run: cd benchmarks && npx -y pnpm@10 run native-peers        (--force rebuilds)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Keyv } from 'keyv';
import { loadKeyvSqlite, NATIVE_PEERS_DIR } from './native-peers.ts';

const dir = NATIVE_PEERS_DIR;
const stampFile = join(dir, 'node_modules/.hotpath-native-peers.json');
const headersPackage = `node-${process.platform}-${process.arch}`;

function installKey(): string {
  const lock = readFileSync(join(dir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  return `${process.version} ${process.platform}-${process.arch} abi${process.versions.modules} lock:${hash}`;
}

function readStamp(): string | undefined {
  return existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : undefined;
}

async function roundTrip(): Promise<void> {
  const KeyvSqlite = loadKeyvSqlite();
  const tmp = mkdtempSync(join(tmpdir(), 'hotpath-native-peers-'));
  const keyv = new Keyv({
    store: new KeyvSqlite({ uri: `sqlite://${join(tmp, 'check.sqlite')}` }),
  });
  try {
    await keyv.set('check', Buffer.from('native'));
    const value = await keyv.get<Buffer>('check');
    if (!Buffer.from('native').equals(Buffer.from(value ?? ''))) {
      throw new Error(`@keyv/sqlite read back ${String(value)} instead of the value it stored`);
    }
  } finally {
    await keyv.disconnect();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function requireTools(): void {
  const missing = ['npm', 'python3', 'make', 'g++'].filter((tool) => {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(
      `building the sqlite3 addon needs ${missing.join(', ')} (Debian: apt-get install -y python3 make g++ npm)`,
    );
  }
}

// The pinned `node` package unpacks its platform package, headers included, on a fresh install;
// a pnpm store's side-effects cache may restore only the binary, so fall back to the registry.
function pinnedHeaders(): string | undefined {
  try {
    const root = createRequire(join(dir, '../../package.json'));
    const nodePackage = dirname(root.resolve('node/package.json'));
    const platform = join(nodePackage, 'node_modules', headersPackage);
    const version = JSON.parse(readFileSync(join(platform, 'package.json'), 'utf8')).version;
    const complete = existsSync(join(platform, 'include/node/node_api.h'));
    return complete && `v${version}` === process.version ? platform : undefined;
  } catch {
    return undefined;
  }
}

function registryHeaders(): string {
  const target = join(dir, '.headers', process.version);
  if (existsSync(join(target, 'include/node/node_api.h'))) return target;
  console.log(`fetching ${headersPackage}@${process.versions.node} for the Node headers`);
  const tmp = mkdtempSync(join(tmpdir(), 'hotpath-node-headers-'));
  try {
    const spec = `${headersPackage}@${process.versions.node}`;
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8',
    }).trim();
    mkdirSync(target, { recursive: true });
    // Node-API addons need include/node but not its 66 MB of OpenSSL headers.
    const args = ['-xzf', join(tmp, tarball), '-C', target, '--strip-components=1'];
    execFileSync('tar', [...args, '--exclude=package/include/node/openssl', 'package/include']);
    return target;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function npmCi(nodedir: string): void {
  const env = {
    ...process.env,
    // node-gyp and the install scripts must compile for and run on this Node, not the machine's.
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodedir,
    npm_config_build_from_source: 'true',
  };
  const args = ['ci', '--no-audit', '--no-fund', '--loglevel=error'];
  try {
    execFileSync('npm', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    console.error(`${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n'));
    throw new Error(`npm ci in ${dir} failed (output above)`, { cause: error });
  }
}

async function main(): Promise<void> {
  const key = installKey();
  if (!process.argv.includes('--force') && readStamp() === key) {
    await roundTrip();
    console.log(`native peers up to date (${key})`);
    return;
  }
  const started = performance.now();
  requireTools();
  const nodedir = pinnedHeaders() ?? registryHeaders();
  console.log(`building native peers for ${key} against ${nodedir}`);
  npmCi(nodedir);
  await roundTrip();
  writeFileSync(stampFile, `${key}\n`);
  console.log(`native peers installed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
