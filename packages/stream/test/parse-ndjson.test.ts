import { describe, expect, it } from 'vitest';
import { MalformedChunkError, parseNDJSON, StreamArgumentError } from '../src/index.ts';
import { bytes, decodeTest, failure, toArray } from './helpers.ts';

describe('parseNDJSON', () => {
  it('parses one value per line, CRLF and a last line without newline', async () => {
    expect(await toArray(parseNDJSON(bytes('{"a":1}\r\n\n', '[2', ']\n"x"')))).toEqual([
      { a: 1 },
      [2],
      'x',
    ]);
  });
});

describe('decodeEvents', () => {
  it('checks its arguments with HOTPATH_STREAM_INVALID_ARGUMENT', () => {
    expect(() => decodeTest(null as never)).toThrow(StreamArgumentError);
    expect(() => decodeTest(null as never)).toThrow(/decodeEvents\(body\)/);
    expect(() => decodeTest(bytes(), { maxEventSize: 0 })).toThrow(/maxEventSize/);
  });

  it('reports a payload that is not JSON as HOTPATH_STREAM_MALFORMED_CHUNK', async () => {
    expect(await failure(decodeTest(bytes('data: {"text":\n\n')))).toBeInstanceOf(
      MalformedChunkError,
    );
  });
});
