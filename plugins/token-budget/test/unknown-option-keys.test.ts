import { TokenBudgetArgumentError, tokenBudgetPlugin } from '@hotpath/plugin-token-budget';
import { expect, it } from 'vitest';

it('tokenBudgetPlugin rejects a misspelt option with its typed error', () => {
  const make = () => tokenBudgetPlugin({ contextwindows: {} } as never);
  expect(make).toThrow(TokenBudgetArgumentError);
  expect(make).toThrow(
    'tokenBudgetPlugin(): options.contextwindows is not an option: use options.contextWindows.',
  );
});
