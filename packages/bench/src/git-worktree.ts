import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BaseSetupError } from './errors.ts';

const run = promisify(execFile);

/** Options for {@link checkoutBase}. */
export interface CheckoutOptions {
  /** Any folder inside the repository (the head). */
  readonly repo: string;
  /** The base revision: branch, tag, commit, `HEAD~1`, `origin/main`. */
  readonly ref: string;
  /** Install and build the base as the repo does (pnpm/npm lockfile, `build` script). @default true */
  readonly install?: boolean;
  /** Receives one line per step. */
  readonly log?: (line: string) => void;
  /** Aborts git, install and build. */
  readonly signal?: AbortSignal;
}

/** A base revision checked out in a temporary git worktree. Dispose it to remove the worktree. */
export interface BaseCheckout extends AsyncDisposable {
  /** Root of the head repository. */
  readonly headRoot: string;
  /** Root of the base worktree. */
  readonly dir: string;
  /** The resolved base commit. */
  readonly commit: string;
  /** Removes the worktree and its temporary folder. */
  close(): Promise<void>;
}

async function exec(
  command: string,
  args: readonly string[],
  cwd: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  try {
    const env = { ...process.env, CI: 'true' };
    const options = { cwd, env, maxBuffer: 64 * 1024 * 1024, ...(signal ? { signal } : {}) };
    return (await run(command, [...args], options)).stdout.trim();
  } catch (error) {
    signal?.throwIfAborted();
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new BaseSetupError(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${output}`, {
      cause: error,
    });
  }
}

function installSteps(dir: string): [string, string[]][] {
  const steps: [string, string[]][] = [];
  if (existsSync(join(dir, 'pnpm-lock.yaml'))) {
    steps.push(['npx', ['-y', 'pnpm@10', 'install', '--frozen-lockfile', '--prefer-offline']]);
  } else if (existsSync(join(dir, 'package-lock.json'))) {
    steps.push(['npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']]);
  }
  const manifest = join(dir, 'package.json');
  const scripts = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts
    : undefined;
  if (scripts?.build) {
    const pnpm = existsSync(join(dir, 'pnpm-lock.yaml'));
    steps.push(pnpm ? ['npx', ['-y', 'pnpm@10', 'run', 'build']] : ['npm', ['run', 'build']]);
  }
  return steps;
}

async function resolveCommit(root: string, ref: string, signal?: AbortSignal): Promise<string> {
  try {
    return await exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, signal);
  } catch (error) {
    throw new BaseSetupError(`the ref "${ref}" is not a commit in ${root}`, { cause: error });
  }
}

/**
 * Checks the base revision out in a temporary `git worktree`, then installs and builds
 * it the way the repository does (`pnpm install --frozen-lockfile --prefer-offline` and
 * the `build` script). Throws {@link BaseSetupError} (`HOTPATH_BENCH_BASE_SETUP`) when a
 * step fails; the worktree is removed then.
 *
 * @example
 * ```ts
 * await using base = await checkoutBase({ repo: process.cwd(), ref: 'origin/main' });
 * ```
 */
export async function checkoutBase(options: CheckoutOptions): Promise<BaseCheckout> {
  const { signal, log = () => {} } = options;
  const headRoot = await exec('git', ['rev-parse', '--show-toplevel'], options.repo, signal);
  const commit = await resolveCommit(headRoot, options.ref, signal);
  const temp = mkdtempSync(join(tmpdir(), 'hotpath-bench-base-'));
  const dir = join(temp, 'base');
  const close = async (): Promise<void> => {
    await exec('git', ['worktree', 'remove', '--force', dir], headRoot, undefined).catch(() => {});
    rmSync(temp, { recursive: true, force: true });
    await exec('git', ['worktree', 'prune'], headRoot, undefined).catch(() => {});
  };
  try {
    log(`base ${options.ref} (${commit.slice(0, 12)}): git worktree add ${dir}`);
    await exec('git', ['worktree', 'add', '--detach', dir, commit], headRoot, signal);
    for (const [command, args] of options.install === false ? [] : installSteps(dir)) {
      log(`base: ${command} ${args.join(' ')}`);
      await exec(command, args, dir, signal);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { headRoot, dir, commit, close, [Symbol.asyncDispose]: close };
}
