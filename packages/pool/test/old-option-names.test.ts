import { createHttpPool, createObjectPool, PoolArgumentError } from '@hotpath/pool';
import { expect, it } from 'vitest';

it.each([
  'keepAliveTimeout',
  'keepAliveMaxTimeout',
  'headersTimeout',
  'bodyTimeout',
  'connectTimeout',
])('createHttpPool rejects the old %s, naming its Ms spelling', (key) => {
  const create = () => createHttpPool({ [key]: 1000 } as never);
  expect(create).toThrow(PoolArgumentError);
  expect(create).toThrow(
    `options.${key} is not an option; durations are in milliseconds and end in Ms: use options.${key}Ms.`,
  );
});

it('createObjectPool rejects an unknown option with HOTPATH_POOL_INVALID_ARGUMENT', () => {
  const create = () => createObjectPool({ create: () => 1, idleTimeout: 5 } as never);
  expect(create).toThrow('use options.idleTimeoutMs.');
  try {
    create();
  } catch (error) {
    expect(error).toMatchObject({ code: 'HOTPATH_POOL_INVALID_ARGUMENT' });
  }
});
