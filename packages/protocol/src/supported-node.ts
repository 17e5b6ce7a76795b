import { HotpathError } from './errors.ts';

/**
 * The oldest Node.js every hotpath package runs on. 22.19 is the strictest floor of any
 * dependency: undici 8 needs it (it reads `zlib.createZstdDecompress`, added in 22.15, when it
 * loads). Everything else hotpath uses is older: `node:sqlite` without a flag (22.13),
 * `process.getBuiltinModule` (22.3), `zlib.crc32` (22.2), `crypto.hash` (21.7). Every published
 * package's `engines` field says `>=` this version (a test keeps them equal).
 */
export const MIN_NODE_VERSION = '22.19.0';

/** The Node.js lines CI tests: 22 LTS (from {@link MIN_NODE_VERSION}) and 24 LTS. */
export const TESTED_NODE_MAJORS: readonly number[] = [22, 24];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)/;

/**
 * True when `version` (`process.versions.node` by default) is {@link MIN_NODE_VERSION} or later.
 * A string that does not start with `major.minor.patch` (an optional `v` before it) is not supported.
 */
export function isSupportedNode(version: string = process.versions.node): boolean {
  const have = VERSION.exec(version);
  if (have === null) return false;
  const need = VERSION.exec(MIN_NODE_VERSION)!;
  for (let i = 1; i <= 3; i++) {
    const a = Number(have[i]);
    const b = Number(need[i]);
    if (a !== b) return a > b;
  }
  return true;
}

/**
 * Thrown when a hotpath package is imported on a Node.js older than {@link MIN_NODE_VERSION}.
 * Code `HOTPATH_PROTOCOL_UNSUPPORTED_NODE`.
 */
export class UnsupportedNodeError extends HotpathError {
  /** The semver range hotpath supports, `>=22.19.0`. */
  readonly required: string = `>=${MIN_NODE_VERSION}`;
  /** The version that was found, for example `20.19.0`. */
  readonly current: string;

  /** @param current - the Node.js version found */
  constructor(current: string) {
    super(
      'HOTPATH_PROTOCOL_UNSUPPORTED_NODE',
      `hotpath needs Node.js ${MIN_NODE_VERSION} or later (Node 22 from 22.19, or Node 24); ` +
        `this is Node.js ${current}. Install a supported version, for example \`nvm install 24\`.`,
    );
    this.current = current;
  }
}

/**
 * Throws {@link UnsupportedNodeError} unless `version` (`process.versions.node` by default) is
 * supported. Every hotpath entry point runs it first, through `@hotpath/protocol/assert-node`.
 */
export function assertSupportedNode(version: string = process.versions.node): void {
  if (!isSupportedNode(version)) throw new UnsupportedNodeError(version);
}
