import {
  HotpathArgumentError,
  HotpathError,
  isHotpathError,
  urlWithoutCredentials,
} from '@hotpath/protocol';
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

describe('urlWithoutCredentials', () => {
  it('drops the user name and password, and hides what is not a URL', () => {
    expect(urlWithoutCredentials('redis://user:s3cret@127.0.0.1:6379/2')).toBe(
      'redis://127.0.0.1:6379/2',
    );
    expect(urlWithoutCredentials('rediss://:only-password@cache.internal')).toBe(
      'rediss://cache.internal',
    );
    expect(urlWithoutCredentials('sk-not-a-url')).toBe('<invalid url>');
  });
});

class ExampleArgumentError extends HotpathArgumentError {
  constructor(message: string) {
    super('HOTPATH_EXAMPLE_INVALID_ARGUMENT', message);
  }
}

describe('HotpathArgumentError', () => {
  it('is a TypeError and a hotpath error at once, with its code and subclass name', () => {
    const error = new ExampleArgumentError('options.size must be a positive integer');
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(HotpathArgumentError);
    expect(error).toBeInstanceOf(HotpathError);
    expect(error.name).toBe('ExampleArgumentError');
    expect(error.code).toBe('HOTPATH_EXAMPLE_INVALID_ARGUMENT');
    expect(isHotpathError(error)).toBe(true);
    expect(isHotpathError(error, 'HOTPATH_EXAMPLE_INVALID_ARGUMENT')).toBe(true);
    expect(isHotpathError(error, 'HOTPATH_EXAMPLE_FAILED')).toBe(false);
  });

  it('keeps subclass checks exact: an argument error is no ExampleError', () => {
    expect(new ExampleArgumentError('x')).not.toBeInstanceOf(ExampleError);
    expect(new ExampleError()).not.toBeInstanceOf(HotpathArgumentError);
    expect(new TypeError('plain')).not.toBeInstanceOf(HotpathError);
    expect(isHotpathError(new TypeError('plain'))).toBe(false);
  });

  it('recognises errors of another copy of the package by their brand', () => {
    const foreign = Object.create(
      Object.defineProperty({}, Symbol.for('@hotpath/protocol:error'), { value: true }),
    ) as object;
    Object.assign(foreign, { code: 'HOTPATH_OTHER_COPY', message: 'from a duplicated install' });
    expect(isHotpathError(foreign, 'HOTPATH_OTHER_COPY')).toBe(true);
    expect(foreign instanceof HotpathError).toBe(true);
  });
});
