import { diffErrorCodes } from '@hotpath/testing';
import { expect, it } from 'vitest';

it('documents every error code it uses, and no others', () => {
  expect(diffErrorCodes(new URL('..', import.meta.url).pathname)).toEqual({
    undocumented: [],
    unused: [],
  });
});
