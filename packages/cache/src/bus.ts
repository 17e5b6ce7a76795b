/** An invalidation message between cache instances: keys and tags only, never values. */
export interface BusMessage {
  /** Id of the sending cache, so it ignores its own messages. */
  readonly source: string;
  /** Keys whose L1 copies are now out of date. */
  readonly keys?: readonly string[];
  /** Tags invalidated, with the instant of invalidation (ms since the epoch). */
  readonly tags?: readonly (readonly [tag: string, at: number])[];
  /** The whole cache was cleared. */
  readonly clear?: boolean;
}

/**
 * Carries {@link BusMessage}s between cache instances that share an L2, so each drops
 * its stale L1 copies. {@link createRedisBus} implements it on Redis pub/sub.
 */
export interface CacheBus {
  /** Sends a message to every other subscribed instance. */
  publish(message: BusMessage): Promise<void>;
  /** Registers the handler for incoming messages (including this instance's own). */
  subscribe(handler: (message: BusMessage) => void): Promise<void>;
  /** Unsubscribes and releases connections. */
  close(): Promise<void>;
}
