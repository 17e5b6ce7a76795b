import {
  type CompletionRequest,
  HotpathArgumentError,
  type Middleware,
  type Plugin,
} from '@hotpath/protocol';

/** Options of {@link systemPromptPlugin}. */
export interface SystemPromptOptions {
  /** The system message put first in every request that has none. */
  readonly prompt: string;
}

/** What the plugin offers other plugins and the application, as the `system-prompt` service. */
export interface SystemPromptService {
  readonly prompt: string;
  /** Requests the plugin added the prompt to so far. */
  readonly added: number;
}

// Declaration merging: the service name and the per-call value this plugin writes, typed for
// everyone who imports this package.
declare module '@hotpath/protocol' {
  interface Services {
    'system-prompt': SystemPromptService;
  }
  interface CallLocals {
    /** Written by hotpath-plugin-system-prompt: true when it added the system message. */
    systemPromptAdded?: boolean;
  }
}

/** Bad options: a `TypeError` with a stable code, which `isHotpathError` recognises. */
export class SystemPromptArgumentError extends HotpathArgumentError {
  constructor(message: string) {
    super('SYSTEM_PROMPT_INVALID_ARGUMENT', message);
  }
}

/**
 * Puts a system message first in every completion and stream request that has none.
 *
 * @example
 * ```ts
 * const host = createHost({ provider, plugins: [systemPromptPlugin({ prompt: 'Be brief.' })] });
 * ```
 */
export function systemPromptPlugin(options: SystemPromptOptions): Plugin {
  if (typeof options?.prompt !== 'string' || options.prompt.trim() === '') {
    throw new SystemPromptArgumentError(
      'systemPromptPlugin(options): options.prompt must be a non-empty string',
    );
  }
  const state = { prompt: options.prompt, added: 0 };
  const withPrompt = (request: CompletionRequest): CompletionRequest => {
    if (request.messages.some((message) => message.role === 'system')) return request;
    state.added++;
    return {
      ...request,
      messages: [{ role: 'system', content: state.prompt }, ...request.messages],
    };
  };
  const complete: Middleware<'complete'> = (next) => (request, context) => {
    const changed = withPrompt(request);
    context.locals.systemPromptAdded = changed !== request;
    return next(changed, context);
  };
  const stream: Middleware<'stream'> = (next) => (request, context) => {
    const changed = withPrompt(request);
    context.locals.systemPromptAdded = changed !== request;
    return next(changed, context);
  };
  return {
    name: 'system-prompt',
    setup(context) {
      context.provide('system-prompt', {
        prompt: state.prompt,
        get added() {
          return state.added;
        },
      });
      context.wrap('complete', complete);
      context.wrap('stream', stream);
    },
  };
}
