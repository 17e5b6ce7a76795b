import { HotpathError, isHotpathError } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';

class ExampleError extends HotpathError {
  constructor(options?: { cause?: unknown }) {
    super('HOTPATH_EXAMPLE_FAILED', 'Example failed: do the other thing.', options);
  }
}

describe('HotpathError', () => {
  it('carries a stable code, its subclass name and the cause', () => {
    const cause = new Error('socket closed');
    const error = new ExampleError({ cause });
    expect(error.code).toBe('HOTPATH_EXAMPLE_FAILED');
    expect(error.name).toBe('ExampleError');
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(HotpathError);
    expect(error).toBeInstanceOf(Error);
  });

  it('isHotpathError narrows by class and optionally by code', () => {
    const error = new ExampleError();
    expect(isHotpathError(error)).toBe(true);
    expect(isHotpathError(error, 'HOTPATH_EXAMPLE_FAILED')).toBe(true);
    expect(isHotpathError(error, 'HOTPATH_OTHER')).toBe(false);
    expect(isHotpathError(new Error('plain'))).toBe(false);
    expect(isHotpathError({ code: 'HOTPATH_EXAMPLE_FAILED' })).toBe(false);
  });
});
