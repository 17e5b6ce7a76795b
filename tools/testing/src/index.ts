export { diffErrorCodes } from './error-codes.ts';
export { churnFixture, leakyFixture, type MemoryFixture } from './memory-fixtures.ts';
export {
  type ChannelCall,
  type ChannelScan,
  channelCalls,
  channelConstants,
  scanPublishedChannels,
  stripComments,
} from './published-channels.ts';
export { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.ts';
export { corpusSamples, mixedCorpus, seededRandom } from './text-corpus.ts';
