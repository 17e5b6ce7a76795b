import type { FaultMode } from './options.ts';

/** The routes the simulator serves, as counted in {@link SimulatorStats.routes}. */
export type RouteName =
  | 'openai.chat'
  | 'openai.embeddings'
  | 'openai.models'
  | 'anthropic.messages'
  | 'anthropic.models'
  | 'ollama.chat'
  | 'ollama.embed'
  | 'ollama.tags'
  | 'unknown';

/** Every {@link RouteName}. */
export const ROUTE_NAMES: readonly RouteName[] = [
  'openai.chat',
  'openai.embeddings',
  'openai.models',
  'anthropic.messages',
  'anthropic.models',
  'ollama.chat',
  'ollama.embed',
  'ollama.tags',
  'unknown',
];

/** What the simulator saw since it started (or since `resetStats()`); a snapshot, safe to keep. */
export interface SimulatorStats {
  /** HTTP requests received, on any route. */
  readonly requests: number;
  /** Requests per route; unknown paths count as `unknown`. */
  readonly routes: Readonly<Record<RouteName, number>>;
  /** Responses per HTTP status code (as a string, e.g. `"200"`, `"429"`). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Answer tokens written to clients (text tokens and tool-argument fragments), streaming or not. */
  readonly tokensSent: number;
  /** Streaming responses that started sending. */
  readonly streamsStarted: number;
  /** Streaming responses sent to the end, including the end marker. */
  readonly streamsCompleted: number;
  /** Streaming responses whose client closed the connection before the end; the simulator stopped writing to them. */
  readonly streamsAborted: number;
  /** Non-streaming requests whose client went away before the response was sent. */
  readonly requestsAborted: number;
  /** Injected faults per mode. */
  readonly faults: Readonly<Record<FaultMode, number>>;
  /** Requests refused with a real 429 because the rate-limit window was exhausted. */
  readonly rateLimited: number;
  /** Open TCP connections right now. */
  readonly activeConnections: number;
  /** Streams being sent right now. */
  readonly activeStreams: number;
}
