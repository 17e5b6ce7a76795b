// vitest global setup: the Redis tests spawn their own `redis-server`, so make sure the binary
// exists. On a fresh Debian machine where the tests run as root, install the package once.
import { execFileSync, spawnSync } from 'node:child_process';

function hasRedis(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's `redis-server` when it is missing and the process may install packages. */
export default function ensureRedis(): void {
  if (hasRedis()) return;
  if (
    process.getuid?.() !== 0 ||
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0
  ) {
    console.warn(
      'redis-server is not installed: the Redis tests will fail. Install it (Debian: apt-get install redis-server).',
    );
    return;
  }
  console.log('installing redis-server for the Redis tests (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
}
