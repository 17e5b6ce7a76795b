export {
  anyJsonValue,
  anyString,
  codePoint,
  codeUnit,
  HARD_CODE_UNITS,
  nearStrings,
} from './arbitraries.ts';
export {
  bodyCutAt,
  bytes,
  cutAt,
  every,
  failure,
  fragments,
  serve,
  toArray,
} from './byte-streams.ts';
export { diffErrorCodes } from './error-codes.ts';
export { type CountedSignal, countedSignal, unhandledRejections } from './listener-counts.ts';
export {
  CLEAN_SHAPES,
  churnFixture,
  LEAK_SHAPES,
  leakyFixture,
  type MemoryFixture,
  type MemoryFixtureShape,
} from './memory-fixtures.ts';
export { FIXED_PROPERTY_SEED, propertySeeds } from './property-seed.ts';
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
