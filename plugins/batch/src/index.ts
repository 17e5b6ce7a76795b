import '@hotpath/protocol/assert-node';

export { type BatchPluginOptions, batchPlugin } from './batch-plugin.ts';
export { BatchPluginArgumentError } from './errors.ts';
