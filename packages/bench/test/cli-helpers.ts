import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The Node.js running the tests: the pinned Node 24 under pnpm, Node 22 under
 * `scripts/test-node.sh 22`, so the CLI is exercised on the version under test.
 */
export const node = process.execPath;
/**
 * The source binary, started without the export condition on purpose: it must get there
 * itself, with nothing built (a fresh clone has no dist/).
 */
export const cli = new URL('../src/cli.ts', import.meta.url).pathname;

/** Settings that keep a CLI compare to a few seconds; verdicts are asserted on 3× changes only. */
export const QUICK = ['--processes', '3', '--rounds', '3', '--time', '5'];

/** A busy loop whose cost is exactly proportional to `n`, as scenario source. */
export const SPIN =
  'const spin = (n) => () => { let x = 1; for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; } return x; };';

export interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An environment without the settings a package manager running the tests leaves behind. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...extra };
}

/** Runs `hotpath-bench` from source in `cwd`. */
export function hotpathBench(
  cwd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Result {
  return spawnSync(node, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: cleanEnv(env),
  });
}

/** Writes files (path → text) under `root`. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Runs git in `cwd` with a fixed identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** A new git repository holding `files`, committed as "base". */
export function repository(prefix: string, files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeFiles(root, files);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  return root;
}
