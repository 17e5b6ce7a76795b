import type { AssistantMessage, ChatMessage } from './messages.ts';

/** A JSON Schema object, as providers accept it for tool parameters and structured output. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A function the model may call. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: JsonSchema;
  /** The arguments must follow `parameters` exactly (OpenAI's structured outputs for tools). */
  readonly strict?: boolean;
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
      /** What the answer is for, to help the model fill the schema. */
      readonly description?: string;
      readonly schema: JsonSchema;
      readonly strict?: boolean;
    };

/** Wire fields for one provider dialect: JSON values, sent as they are. */
export type ProviderOptions = { readonly [field: string]: unknown };

/**
 * A chat completion request, the same for every provider. A provider that cannot honour a
 * field it is given (for example `seed` on Anthropic) rejects the request with an
 * unsupported-parameter error instead of ignoring it.
 */
export interface CompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  /**
   * Whether the model may call several tools in one turn (OpenAI's `parallel_tool_calls`,
   * Anthropic's `tool_choice.disable_parallel_tool_use` inverted). Only meaningful with `tools`.
   * @default the provider's default: allowed
   */
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormat;
  readonly temperature?: number;
  readonly topP?: number;
  /** Upper bound on generated tokens. */
  readonly maxTokens?: number;
  readonly seed?: number;
  readonly stop?: readonly string[];
  /** Penalises tokens that already appeared at all, from -2 to 2 (OpenAI-compatible APIs and Ollama). */
  readonly presencePenalty?: number;
  /** Penalises tokens by how often they already appeared, from -2 to 2 (OpenAI-compatible APIs and Ollama). */
  readonly frequencyPenalty?: number;
  /**
   * Wire fields this type has no field for, keyed by the provider dialect that understands them
   * (`openai`, `anthropic`, `ollama`), for example `{ openai: { reasoning_effort: 'low' } }`.
   * A dialect adds its own entry to the request body as it is (the fields it maps itself win)
   * and leaves the other entries out. They are part of the request's meaning (a cache key
   * covers them).
   */
  readonly providerOptions?: { readonly [dialect: string]: ProviderOptions };
  /**
   * End-user identifier passed to the provider (OpenAI's `user`, Anthropic's
   * `metadata.user_id`); not part of the request's meaning.
   */
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
