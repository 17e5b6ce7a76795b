import { MissingPeerError } from '../errors.ts';

/** `import()`s the optional `@keyv/redis` peer, with a clear error when it is missing. */
export async function loadKeyvRedis(): Promise<typeof import('@keyv/redis')> {
  try {
    return await import('@keyv/redis');
  } catch (cause) {
    throw new MissingPeerError('@keyv/redis', { cause });
  }
}
