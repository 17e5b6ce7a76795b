import '@hotpath/protocol/assert-node';

export {
  contextWindowFor,
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_CONTEXT_WINDOWS,
} from './context-windows.ts';
export { TokenBudgetArgumentError, TokenBudgetRequestTooLargeError } from './errors.ts';
export {
  type TokenBudgetPluginOptions,
  type TokenBudgetRecord,
  type TokenBudgetService,
  tokenBudgetPlugin,
} from './token-budget-plugin.ts';
