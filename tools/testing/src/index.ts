export { diffErrorCodes } from './error-codes.ts';
export { corpusSamples, mixedCorpus, seededRandom } from './text-corpus.ts';
