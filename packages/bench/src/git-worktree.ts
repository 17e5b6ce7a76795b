import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { BaseSetupError, type BaseSetupStep } from './errors.ts';
import { outputTail, runCommand } from './internal/run-command.ts';
import { detectInstall, LOCKFILE_NAMES } from './package-manager.ts';

/** Options for {@link checkoutBase}. */
export interface CheckoutOptions {
  /** Any folder inside the repository (the head). */
  readonly repo: string;
  /** The base revision: branch, tag, commit, `HEAD~1`, `origin/main`. */
  readonly ref: string;
  /**
   * How to prepare the base: `true` installs with the project's package manager and runs
   * its `build` script (see `detectInstall`); a string is a shell command run in the base
   * folder instead; `false` does nothing. @default true
   */
  readonly install?: boolean | string;
  /**
   * Fetch the ref when it is not in the clone: `origin/main` (or `<remote>/<branch>`) as
   * `+refs/heads/main:refs/remotes/origin/main`, a branch name from `origin`, a full commit
   * hash from `origin`; shallow clones fetch `--depth=1`. @default true
   */
  readonly fetch?: boolean;
  /** Receives one line per step. */
  readonly log?: (line: string) => void;
  /** Environment of git and the install. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Aborts git, install and build. */
  readonly signal?: AbortSignal;
}

/** A base revision checked out in a temporary git worktree. Dispose it to remove the worktree. */
export interface BaseCheckout extends AsyncDisposable {
  /** Root of the head repository. */
  readonly headRoot: string;
  /** Root of the base worktree. */
  readonly dir: string;
  /** The base revision as given. */
  readonly ref: string;
  /** The resolved base commit. */
  readonly commit: string;
  /** Removes the worktree and its temporary folder. */
  close(): Promise<void>;
}

interface Context {
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal | undefined;
  readonly log: (line: string) => void;
}

async function step(
  name: BaseSetupStep,
  command: readonly string[],
  cwd: string,
  context: Context & { shell?: boolean },
): Promise<string> {
  const { env, signal, shell = false } = context;
  let result: Awaited<ReturnType<typeof runCommand>>;
  try {
    result = await runCommand(command, { cwd, env, signal, shell });
  } catch (error) {
    signal?.throwIfAborted();
    throw new BaseSetupError(name, `\`${command.join(' ')}\` could not start in ${cwd}`, {
      cause: error,
    });
  }
  if (result.code === 0) return result.output.trim();
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
  throw new BaseSetupError(
    name,
    `\`${command.join(' ')}\` ${how} in ${cwd}; its output ends with:\n${outputTail(result.output)}`,
  );
}

async function tryResolve(
  root: string,
  ref: string,
  context: Context,
): Promise<string | undefined> {
  const args = ['git', 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`];
  return step('resolve', args, root, context).catch(() => undefined);
}

/** The fetch that makes `ref` resolvable, or undefined when the ref's shape is not fetchable. */
async function fetchCommand(
  root: string,
  ref: string,
  context: Context,
): Promise<string[] | undefined> {
  const remotes = (await step('fetch', ['git', 'remote'], root, context))
    .split('\n')
    .filter(Boolean);
  const shallow =
    (await step('fetch', ['git', 'rev-parse', '--is-shallow-repository'], root, context)) ===
    'true';
  // Deepening a complete clone would make it shallow: only shallow clones fetch one commit.
  const base = ['git', 'fetch', '--no-tags', ...(shallow ? ['--depth=1'] : [])];
  const short = ref.replace(/^refs\/remotes\//, '');
  const remote = remotes.find((name) => short.startsWith(`${name}/`));
  if (remote) {
    const branch = short.slice(remote.length + 1);
    return [...base, remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`];
  }
  if (!remotes.includes('origin')) return undefined;
  if (/^[0-9a-f]{40}$/i.test(ref)) return [...base, 'origin', ref];
  if (/^[\w./-]+$/.test(ref) && !ref.includes('..')) {
    return [...base, 'origin', `+refs/heads/${ref}:refs/remotes/origin/${ref}`];
  }
  return undefined;
}

async function resolveBase(
  root: string,
  options: CheckoutOptions,
  context: Context,
): Promise<string> {
  const found = await tryResolve(root, options.ref, context);
  if (found) return found;
  const fetch =
    options.fetch === false ? undefined : await fetchCommand(root, options.ref, context);
  if (fetch === undefined) {
    throw new BaseSetupError('resolve', `the ref "${options.ref}" is not a commit in ${root}`);
  }
  context.log(`base ${options.ref} is not in this clone: ${fetch.join(' ')}`);
  await step('fetch', fetch, root, context);
  const remoteRef = fetch.at(-1)!.split(':')[1];
  const again =
    (await tryResolve(root, options.ref, context)) ??
    (remoteRef ? await tryResolve(root, remoteRef, context) : undefined);
  if (again) return again;
  throw new BaseSetupError(
    'resolve',
    `the ref "${options.ref}" is not a commit in ${root}, even after \`${fetch.join(' ')}\``,
  );
}

/**
 * The base folder to install in: the one matching the head folder hotpath-bench runs in,
 * or the nearest parent (up to the root) with a lockfile, else with a package.json.
 */
function projectDir(baseRoot: string, headRoot: string, cwd: string): string {
  const start = matchingDir(baseRoot, headRoot, cwd);
  const chain: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    chain.push(dir);
    if (dir === baseRoot || dirname(dir) === dir) break;
  }
  const has = (dir: string, names: readonly string[]) =>
    names.some((n) => existsSync(join(dir, n)));
  return (
    chain.find((dir) => has(dir, LOCKFILE_NAMES)) ??
    chain.find((dir) => has(dir, ['package.json'])) ??
    baseRoot
  );
}

/** Environment of the base's install: the caller's, without settings a package manager running us left behind. */
function installEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...clean, CI: 'true' };
}

/** The base folder matching the head folder hotpath-bench runs in (the base root when outside it). */
function matchingDir(baseRoot: string, headRoot: string, cwd: string): string {
  const rel = relative(headRoot, resolve(cwd));
  return rel.startsWith('..') || !existsSync(join(baseRoot, rel)) ? baseRoot : join(baseRoot, rel);
}

async function prepare(
  base: { readonly root: string; readonly headRoot: string },
  options: CheckoutOptions,
  context: Context,
): Promise<void> {
  const env = installEnv(context.env);
  if (typeof options.install === 'string') {
    const cwd = matchingDir(base.root, base.headRoot, options.repo);
    context.log(`base: ${options.install} (in ${cwd})`);
    await step('install', [options.install], cwd, { ...context, env, shell: true });
    return;
  }
  if (options.install === false) return;
  const dir = projectDir(base.root, base.headRoot, options.repo);
  const plan = detectInstall(dir, context.env);
  if (!plan) return context.log('base: no package.json, nothing to install');
  context.log(`base: ${plan.install.join(' ')} (${plan.manager}, from ${plan.reason}, in ${dir})`);
  await step('install', plan.install, dir, { ...context, env });
  if (!plan.build) return;
  context.log(`base: ${plan.build.join(' ')}`);
  await step('build', plan.build, dir, { ...context, env });
}

/**
 * Checks the base revision out in a temporary `git worktree` (fetching it first when the
 * clone lacks it), then installs and builds it the way the project does. Throws
 * {@link BaseSetupError} (`HOTPATH_BENCH_BASE_SETUP`) naming the step that failed, with
 * the command and the end of its output; the worktree is removed then.
 *
 * @example
 * ```ts
 * const base = await checkoutBase({ repo: process.cwd(), ref: 'origin/main' });
 * try { console.log(base.dir); } finally { await base.close(); }
 * ```
 */
export async function checkoutBase(options: CheckoutOptions): Promise<BaseCheckout> {
  const context: Context = {
    env: options.env ?? process.env,
    signal: options.signal,
    log: options.log ?? (() => {}),
  };
  const headRoot = await step(
    'resolve',
    ['git', 'rev-parse', '--show-toplevel'],
    options.repo,
    context,
  );
  const commit = await resolveBase(headRoot, options, context);
  const temp = mkdtempSync(join(tmpdir(), 'hotpath-bench-base-'));
  const dir = join(temp, 'base');
  const quiet = { ...context, signal: undefined };
  const close = async (): Promise<void> => {
    await step('worktree', ['git', 'worktree', 'remove', '--force', dir], headRoot, quiet).catch(
      () => {},
    );
    rmSync(temp, { recursive: true, force: true });
    await step('worktree', ['git', 'worktree', 'prune'], headRoot, quiet).catch(() => {});
  };
  try {
    context.log(`base ${options.ref} (${commit.slice(0, 12)}): git worktree add ${dir}`);
    await step('worktree', ['git', 'worktree', 'add', '--detach', dir, commit], headRoot, context);
    await prepare({ root: dir, headRoot }, options, context);
  } catch (error) {
    await close();
    throw error;
  }
  return { headRoot, dir, ref: options.ref, commit, close, [Symbol.asyncDispose]: close };
}
