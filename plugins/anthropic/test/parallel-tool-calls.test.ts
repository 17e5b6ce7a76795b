import type { CompletionRequest } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { messagesBody } from '../src/request-body.ts';

const tools = [{ name: 'f', parameters: { type: 'object' } }];
const base: CompletionRequest = { model: 'claude', messages: [{ role: 'user', content: 'hi' }] };
const choiceOf = (request: Partial<CompletionRequest>) =>
  messagesBody({ ...base, ...request }, false).tool_choice;

describe('parallelToolCalls on Anthropic', () => {
  it('false becomes tool_choice.disable_parallel_tool_use, on auto when no choice was given', () => {
    expect(choiceOf({ tools, parallelToolCalls: false })).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(choiceOf({ tools, toolChoice: 'required', parallelToolCalls: false })).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(choiceOf({ tools, toolChoice: { name: 'f' }, parallelToolCalls: false })).toEqual({
      type: 'tool',
      name: 'f',
      disable_parallel_tool_use: true,
    });
  });

  it('true is the default and sends nothing; with no tools or tool choice none there is nothing to disable', () => {
    expect(choiceOf({ tools, parallelToolCalls: true })).toBeUndefined();
    expect(choiceOf({ parallelToolCalls: false })).toBeUndefined();
    expect(choiceOf({ tools, toolChoice: 'none', parallelToolCalls: false })).toEqual({
      type: 'none',
    });
  });
});
