export { diffErrorCodes } from './error-codes.ts';
export { churnFixture, leakyFixture, type MemoryFixture } from './memory-fixtures.ts';
