// Node.js binaries of other versions, from the `node` package on the npm registry (npx caches
// them), so a check can run the same files on Node 22 and 24, or on an unsupported Node.
import { dirname } from 'node:path';
import { TESTED_NODE_MAJORS } from '../../packages/protocol/src/supported-node.ts';
import { run } from './workspace.ts';

/** A Node.js binary and the environment that makes child processes use it too. */
export interface NodeBinary {
  /** What was asked for: `'22'`, `'24'`, `'22.13'` … */
  readonly spec: string;
  /** The exact version, e.g. `'22.23.3'`. */
  readonly version: string;
  /** Absolute path of the binary. */
  readonly path: string;
  /** `process.env` with the binary's directory first on PATH. */
  readonly env: NodeJS.ProcessEnv;
}

/** The newest Node.js matching `spec` (`'22'`, `'22.13'`, `'22.19.0'`), downloaded once by npx. */
export function nodeBinary(spec: string, cwd: string): NodeBinary {
  const path = run('npx', ['-y', '-p', `node@${spec}`, '-c', 'node -p "process.execPath"'], {
    cwd,
  }).trim();
  const version = run(path, ['-p', 'process.versions.node'], { cwd }).trim();
  const env = { ...process.env, PATH: `${dirname(path)}:${process.env.PATH ?? ''}` };
  return { spec, version, path, env };
}

/** The Node.js lines CI runs a stranger's code on: the newest release of each tested major. */
export const SUPPORTED_NODE_SPECS: readonly string[] = TESTED_NODE_MAJORS.map(String);
