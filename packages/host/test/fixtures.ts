import type {
  CompletionRequest,
  CompletionResult,
  Plugin,
  PluginContext,
  Provider,
  StreamDelta,
} from '@hotpath/protocol';

/** An in-memory provider that answers with the last user message, counting its calls. */
export function echoProvider() {
  const calls = { complete: 0, stream: 0, embed: 0, streamsClosed: 0 };
  const lastText = (request: CompletionRequest) => {
    const last = request.messages.at(-1);
    return typeof last?.content === 'string' ? last.content : '';
  };
  const provider: Provider = {
    name: 'echo',
    async complete(request): Promise<CompletionResult> {
      calls.complete++;
      return {
        model: request.model,
        message: { role: 'assistant', content: `echo: ${lastText(request)}` },
        usage: { inputTokens: 3, outputTokens: 2 },
        finishReason: 'stop',
      };
    },
    async *stream(request): AsyncGenerator<StreamDelta> {
      calls.stream++;
      try {
        for (const word of lastText(request).split(' ')) yield { type: 'text', text: word };
        yield { type: 'finish', reason: 'stop' };
      } finally {
        calls.streamsClosed++;
      }
    },
    async embed(request) {
      calls.embed++;
      return {
        model: request.model,
        embeddings: request.input.map((text) => Float32Array.of(text.length)),
        usage: { inputTokens: request.input.length },
      };
    },
  };
  return { provider, calls };
}

/** A request asking the echo provider to repeat `text`. */
export function ask(text: string): CompletionRequest {
  return { model: 'test', messages: [{ role: 'user', content: text }] };
}

/** A plugin that records its setup and teardown in `log`. */
export function recordingPlugin(
  log: string[],
  name: string,
  extra: Partial<Plugin> & { onSetup?: (context: PluginContext) => unknown } = {},
): Plugin {
  const { onSetup, ...rest } = extra;
  return {
    name,
    ...rest,
    async setup(context) {
      log.push(`setup ${name}`);
      context.onClose(() => {
        log.push(`teardown ${name}`);
      });
      await onSetup?.(context);
    },
  };
}
