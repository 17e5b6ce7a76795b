export { diffErrorCodes } from './error-codes.ts';
export { churnFixture, leakyFixture, type MemoryFixture } from './memory-fixtures.ts';
export { FIXED_PROPERTY_SEED, propertySeed, propertySeeds } from './property-seed.ts';
export { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.ts';
export { corpusSamples, mixedCorpus, seededRandom } from './text-corpus.ts';
