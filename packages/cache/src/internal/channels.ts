import { type Channel, channel } from 'node:diagnostics_channel';
import { CACHE_CHANNELS } from '../channels.ts';

/**
 * The cache's diagnostics channels. Channel objects are stateless handles owned by
 * Node, so sharing them between instances keeps no mutable module state.
 */
export const channels: {
  readonly hit: Channel;
  readonly miss: Channel;
  readonly set: Channel;
  readonly delete: Channel;
  readonly stale: Channel;
  readonly error: Channel;
  readonly invalidate: Channel;
  readonly factory: Channel;
} = {
  hit: channel(CACHE_CHANNELS.hit),
  miss: channel(CACHE_CHANNELS.miss),
  set: channel(CACHE_CHANNELS.set),
  delete: channel(CACHE_CHANNELS.delete),
  stale: channel(CACHE_CHANNELS.stale),
  error: channel(CACHE_CHANNELS.error),
  invalidate: channel(CACHE_CHANNELS.invalidate),
  factory: channel(CACHE_CHANNELS.factory),
};

/** Publishes an error event when anyone listens. */
export function publishError(operation: string, key: string | undefined, error: unknown): void {
  if (channels.error.hasSubscribers) channels.error.publish({ operation, key, error });
}
