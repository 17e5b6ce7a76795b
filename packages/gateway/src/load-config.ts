import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type GatewayConfig, validateConfig } from './config.ts';
import { ConfigLoadError, ConfigNotFoundError, GatewayArgumentError } from './errors.ts';

/** File names `loadConfig()` looks for in the working directory, in order. */
export const CONFIG_FILES: readonly string[] = [
  'hotpath.config.ts',
  'hotpath.config.mts',
  'hotpath.config.js',
  'hotpath.config.mjs',
  'hotpath.config.json',
];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function find(path: string | undefined, cwd: string): Promise<string> {
  if (path !== undefined) {
    const full = resolve(cwd, path);
    if (!(await exists(full))) throw new ConfigNotFoundError([full]);
    return full;
  }
  const candidates = CONFIG_FILES.map((name) => resolve(cwd, name));
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  throw new ConfigNotFoundError(candidates);
}

async function read(path: string): Promise<unknown> {
  try {
    if (extname(path) === '.json') return JSON.parse(await readFile(path, 'utf8'));
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    return module.default;
  } catch (cause) {
    throw new ConfigLoadError(path, { cause });
  }
}

/**
 * Loads and validates a gateway config: `hotpath.config.ts` / `.mts` / `.js` / `.mjs`
 * (its default export; Node ≥ 22.18 runs TypeScript configs directly) or `.json`. Without
 * `path`, looks for those names in `options.cwd`.
 * @param path - the config file, relative to `options.cwd`
 * @param options.cwd - folder that `path` and the looked-up names are relative to. @default process.cwd()
 * @example
 * ```ts
 * const config = await loadConfig(); // ./hotpath.config.ts
 * ```
 */
export async function loadConfig(
  path?: string,
  options: { readonly cwd?: string } = {},
): Promise<GatewayConfig> {
  if (path !== undefined && (typeof path !== 'string' || path === ''))
    throw new GatewayArgumentError('path', 'a file path', path);
  const cwd = options.cwd ?? process.cwd();
  if (typeof cwd !== 'string' || cwd === '')
    throw new GatewayArgumentError('options.cwd', 'a folder path', cwd);
  const file = await find(path, cwd);
  const config = await read(file);
  validateConfig(config);
  return config;
}
