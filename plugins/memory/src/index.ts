import '@hotpath/protocol/assert-node';

export { MemoryPluginArgumentError } from './errors.ts';
export { type MemoryPluginOptions, memoryPlugin } from './memory-plugin.ts';
