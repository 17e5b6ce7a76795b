import { channel } from 'node:diagnostics_channel';
import { MEMORY_CHANNELS } from '../channels.ts';

// Channel objects are immutable handles that Node interns by name; holding them is not state.
const leakChannel = channel(MEMORY_CHANNELS.leak);
const heapSnapshotChannel = channel(MEMORY_CHANNELS.heapSnapshot);

/** Publishes a leak verdict on `hotpath:memory:leak` when someone listens. */
export function publishLeak(message: object): void {
  if (leakChannel.hasSubscribers) leakChannel.publish(message);
}

/** Publishes `{ path }` on `hotpath:memory:heap-snapshot` when someone listens. */
export function publishHeapSnapshot(message: { readonly path: string }): void {
  if (heapSnapshotChannel.hasSubscribers) heapSnapshotChannel.publish(message);
}
