import {
  type CallContext,
  type CompletionRequest,
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Middleware,
  type Plugin,
  type StreamDelta,
} from '@hotpath/protocol';
import {
  createTokenizer,
  createTokenWorkers,
  TokenBudgetExceededError,
  type Tokenizer,
  type TokenWorkers,
  type TokenWorkersOptions,
  type TruncateStrategy,
  truncate,
} from '@hotpath/tokens';
import {
  contextWindowFor,
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_CONTEXT_WINDOWS,
} from './context-windows.ts';
import { TokenBudgetArgumentError, TokenBudgetRequestTooLargeError } from './errors.ts';

/** What the plugin did to one call, left in `ctx.locals.tokenBudget`. */
export interface TokenBudgetRecord {
  /** Prompt tokens of the request as the caller sent it. */
  readonly before: number;
  /** Prompt tokens of the request sent on (equal to `before` when nothing was dropped). */
  readonly after: number;
  /** Messages dropped from the history. */
  readonly dropped: number;
}

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Written by `@hotpath/plugin-token-budget`: what it did to the call's prompt. */
    tokenBudget?: TokenBudgetRecord;
  }
}

/** Options of {@link tokenBudgetPlugin}. */
export interface TokenBudgetPluginOptions {
  /**
   * Context windows by model-name prefix, merged over {@link DEFAULT_CONTEXT_WINDOWS}; the
   * longest matching prefix wins.
   */
  readonly contextWindows?: { readonly [prefix: string]: number };
  /** Window of models no prefix matches. @default 128000 */
  readonly defaultContextWindow?: number;
  /** Tokens kept free for the answer. @default request.maxTokens ?? 1024 */
  readonly reserveOutput?: number;
  /** Which messages are dropped first. @default 'oldest-first' */
  readonly strategy?: TruncateStrategy;
  /**
   * Count prompts on `@hotpath/tokens` worker threads (`true`, or the pool's options). The
   * pool counts small prompts inline itself, so only large ones leave the event loop. It is
   * used for models whose tokenizer is exact and has the pool's encoding, and is closed when
   * the host closes.
   * @default false
   */
  readonly workers?: boolean | TokenWorkersOptions;
}

/** The `token-budget` service: what the plugin uses, for inspection and tests. */
export interface TokenBudgetService {
  /** The context window the plugin assumes for `model`. */
  contextWindow(model: string): number;
  /** The worker pool, when the `workers` option is on. */
  readonly workers: TokenWorkers | undefined;
}

declare module '@hotpath/protocol' {
  interface Services {
    /** Provided by `@hotpath/plugin-token-budget`. */
    'token-budget': TokenBudgetService;
  }
}

interface Budgeter {
  fit(request: CompletionRequest, context: CallContext): Promise<CompletionRequest>;
}

function isCount(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function checkOptions(options: TokenBudgetPluginOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TokenBudgetArgumentError('options', 'an object');
  }
  const { contextWindows, defaultContextWindow, reserveOutput, strategy, workers } = options;
  if (contextWindows !== undefined) {
    if (typeof contextWindows !== 'object' || contextWindows === null) {
      throw new TokenBudgetArgumentError('options.contextWindows', 'an object of model → tokens');
    }
    for (const [model, tokens] of Object.entries(contextWindows)) {
      if (!isCount(tokens, 1)) {
        throw new TokenBudgetArgumentError(`options.contextWindows['${model}']`, 'an integer ≥ 1');
      }
    }
  }
  if (defaultContextWindow !== undefined && !isCount(defaultContextWindow, 1)) {
    throw new TokenBudgetArgumentError('options.defaultContextWindow', 'an integer ≥ 1');
  }
  if (reserveOutput !== undefined && !isCount(reserveOutput, 0)) {
    throw new TokenBudgetArgumentError('options.reserveOutput', 'an integer ≥ 0');
  }
  if (strategy !== undefined && strategy !== 'oldest-first' && strategy !== 'middle-out') {
    throw new TokenBudgetArgumentError('options.strategy', "'oldest-first' or 'middle-out'");
  }
  if (workers !== undefined && typeof workers !== 'boolean' && typeof workers !== 'object') {
    throw new TokenBudgetArgumentError('options.workers', 'a boolean or TokenWorkers options');
  }
}

function tokenizers(): (model: string) => Tokenizer {
  const byModel = new Map<string, Tokenizer>();
  return (model) => {
    let tokenizer = byModel.get(model);
    if (tokenizer === undefined) {
      tokenizer = createTokenizer({ model });
      byModel.set(model, tokenizer);
    }
    return tokenizer;
  };
}

function countPrompt(
  request: CompletionRequest,
  context: CallContext,
  tokenizer: Tokenizer,
  workers: TokenWorkers | undefined,
): number | Promise<number> {
  const options = {
    ...(request.tools ? { tools: request.tools } : {}),
    ...(request.toolChoice ? { toolChoice: request.toolChoice } : {}),
  };
  const pooled =
    workers !== undefined && tokenizer.exact && tokenizer.encoding === workers.tokenizer.encoding;
  if (!pooled) return tokenizer.countChat(request.messages, options);
  const signal = context.signal ? { signal: context.signal } : {};
  return workers.countChat(request.messages, { ...options, ...signal });
}

function budgeter(
  options: TokenBudgetPluginOptions,
  windowOf: (model: string) => number,
  workers: TokenWorkers | undefined,
): Budgeter {
  const tokenizerFor = tokenizers();
  return {
    async fit(request, context) {
      const tokenizer = tokenizerFor(request.model);
      const contextWindow = windowOf(request.model);
      const reservedOutput = options.reserveOutput ?? request.maxTokens ?? 1024;
      const before = await countPrompt(request, context, tokenizer, workers);
      if (before <= contextWindow - reservedOutput) {
        context.locals.tokenBudget = { before, after: before, dropped: 0 };
        return request;
      }
      const fitted = fitHistory(request, tokenizer, contextWindow, reservedOutput, options);
      context.locals.tokenBudget = { before, after: fitted.tokens, dropped: fitted.dropped };
      return fitted.dropped === 0 ? request : { ...request, messages: fitted.messages };
    },
  };
}

function fitHistory(
  request: CompletionRequest,
  tokenizer: Tokenizer,
  contextWindow: number,
  reservedOutput: number,
  options: TokenBudgetPluginOptions,
): ReturnType<typeof truncate> {
  try {
    return truncate(request.messages, contextWindow, {
      tokenizer,
      reserveOutput: reservedOutput,
      ...(options.strategy ? { strategy: options.strategy } : {}),
      ...(request.tools ? { tools: request.tools } : {}),
      ...(request.toolChoice ? { toolChoice: request.toolChoice } : {}),
    });
  } catch (error) {
    if (!(error instanceof TokenBudgetExceededError)) throw error;
    const { model } = request;
    throw new TokenBudgetRequestTooLargeError(
      { model, required: error.required, contextWindow, reservedOutput },
      error,
    );
  }
}

function budgetComplete(budget: Budgeter): Middleware<'complete'> {
  return (next) => async (request, context) => next(await budget.fit(request, context), context);
}

function budgetStream(budget: Budgeter): Middleware<'stream'> {
  return (next) =>
    async function* (request, context): AsyncGenerator<StreamDelta> {
      yield* next(await budget.fit(request, context), context);
    };
}

function startWorkers(option: TokenBudgetPluginOptions['workers']): TokenWorkers | undefined {
  if (option === undefined || option === false) return undefined;
  return createTokenWorkers(option === true ? {} : option);
}

const OPTIONS: KnownKeys = knownKeys<TokenBudgetPluginOptions>({
  contextWindows: true,
  defaultContextWindow: true,
  reserveOutput: true,
  strategy: true,
  workers: true,
});

/**
 * Keeps every `complete` and `stream` request inside its model's context window. The prompt is
 * counted with `@hotpath/tokens` (on worker threads when `workers` is on and the prompt is
 * large); when it exceeds `contextWindow(model) - reserveOutput`, the history is truncated
 * (system messages and the last user turn are always kept) and `ctx.locals.tokenBudget` says
 * what was done. A request that cannot fit rejects with {@link TokenBudgetRequestTooLargeError}
 * before anything is sent upstream. Provides the `token-budget` service.
 *
 * @example
 * ```ts
 * const host = createHost({
 *   provider,
 *   plugins: [tokenBudgetPlugin({ contextWindows: { 'my-model': 32_768 }, strategy: 'middle-out' })],
 * });
 * ```
 */

export function tokenBudgetPlugin(options: TokenBudgetPluginOptions = {}): Plugin {
  checkOptions(options);
  checkKnownKeys(options, OPTIONS, 'options', (m) => new TokenBudgetArgumentError(m));
  const windows = { ...DEFAULT_CONTEXT_WINDOWS, ...options.contextWindows };
  const fallback = options.defaultContextWindow ?? DEFAULT_CONTEXT_WINDOW;
  return {
    name: 'token-budget',
    setup(context) {
      const workers = startWorkers(options.workers);
      if (workers) context.onClose(() => workers.close());
      const contextWindow = (model: string): number => contextWindowFor(model, windows, fallback);
      context.provide('token-budget', { contextWindow, workers });
      const budget = budgeter(options, contextWindow, workers);
      context.wrap('complete', budgetComplete(budget));
      context.wrap('stream', budgetStream(budget));
    },
  };
}
