export { createTokenizer, encodingForModel } from '../src/index.ts';

/** True when `fn` throws an error carrying `code`. */
export function isHotpathErrorCode(fn: () => unknown, code: string): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === code;
  }
}
