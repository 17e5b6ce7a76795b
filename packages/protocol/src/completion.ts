import type { AssistantMessage, ChatMessage } from './messages.ts';

/** A JSON Schema object, as providers accept it for tool parameters and structured output. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A function the model may call. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: JsonSchema;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };

/** The shape the model must answer in. */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly name: string;
      readonly schema: JsonSchema;
      readonly strict?: boolean;
    };

/** A chat completion request, the same for every provider. */
export interface CompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  readonly responseFormat?: ResponseFormat;
  readonly temperature?: number;
  readonly topP?: number;
  /** Upper bound on generated tokens. */
  readonly maxTokens?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
  /** End-user identifier passed to the provider; not part of the request's meaning. */
  readonly user?: string;
  /** Caller metadata; never sent upstream, never part of a cache key. */
  readonly metadata?: { readonly [key: string]: string };
}

/** Token usage of one call. */
export interface Usage {
  /** Prompt tokens billed, including cached ones and ones written to the cache. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Prompt tokens served from the provider's own prompt cache (billed at a discount). */
  readonly cachedInputTokens?: number;
  /**
   * Prompt tokens written to the provider's prompt cache (Anthropic's `cache_creation_input_tokens`,
   * billed at a premium), when the provider reports them.
   */
  readonly cacheWriteInputTokens?: number;
  /** Output tokens spent on hidden reasoning. */
  readonly reasoningTokens?: number;
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/** The answer to a {@link CompletionRequest}. */
export interface CompletionResult {
  /** Provider's id for the response, when it gives one. */
  readonly id?: string;
  /** Model that actually answered. */
  readonly model: string;
  readonly message: AssistantMessage;
  readonly usage: Usage;
  readonly finishReason: FinishReason;
}
