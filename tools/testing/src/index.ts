export { diffErrorCodes } from './error-codes.ts';
