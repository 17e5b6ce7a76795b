import { isHotpathError } from '@hotpath/protocol';
import { expect, it } from 'vitest';
import { createHttpPool, PoolArgumentError } from '../src/index.ts';

// A value whose string conversion throws: `String(value)` in a message would replace the typed
// error with a bare TypeError from building it.
const unprintable = Object.create(null) as object;

it.each([
  ['connections', 'options.connections must be an integer ≥ 1, got an object (null prototype)'],
  ['pipelining', 'options.pipelining must be an integer ≥ 1, got an object (null prototype)'],
  [
    'connectTimeoutMs',
    'options.connectTimeoutMs must be a duration in milliseconds ≥ 0, got an object (null prototype)',
  ],
])(
  'an option %s that cannot be printed gets the typed argument error naming it',
  (name, message) => {
    let error: unknown;
    try {
      createHttpPool({ [name]: unprintable });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PoolArgumentError);
    expect(isHotpathError(error, 'HOTPATH_POOL_INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message.replaceAll('`', '')).toBe(message);
  },
);
