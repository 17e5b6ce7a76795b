import { type Channel, channel } from 'node:diagnostics_channel';

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
  hit: channel('hotpath:cache:hit'),
  miss: channel('hotpath:cache:miss'),
  set: channel('hotpath:cache:set'),
  delete: channel('hotpath:cache:delete'),
  stale: channel('hotpath:cache:stale'),
  error: channel('hotpath:cache:error'),
  invalidate: channel('hotpath:cache:invalidate'),
  factory: channel('hotpath:cache:factory'),
};

/** Publishes an error event when anyone listens. */
export function publishError(operation: string, key: string | undefined, error: unknown): void {
  if (channels.error.hasSubscribers) channels.error.publish({ operation, key, error });
}
