// The binary layout of tables/<encoding>.bin: every ordinary token's bytes, in rank order.
//   u32 magic 'HPBP' | u32 version | u32 token count | u32 byte count
//   u8 length of each token (the longest is 128 bytes) | the tokens' bytes, concatenated

/** Ordinary (non-special) tokens of each encoding; their ranks are 0 … count − 1. */
export const ORDINARY_TOKENS = { o200k_base: 199_998, cl100k_base: 100_256 } as const;

const MAGIC = 0x50425048;
const VERSION = 1;
const HEADER = 16;

/** A rank table: token `r` is `bytes[offsets[r] … offsets[r + 1])`. */
export interface RankTable {
  readonly count: number;
  readonly offsets: Uint32Array;
  readonly bytes: Uint8Array;
}

/** Serialises token byte strings, given in rank order. */
export function encodeRankTable(tokens: readonly Uint8Array[]): Uint8Array {
  const size = tokens.reduce((n, token) => n + token.length, 0);
  const out = new Uint8Array(HEADER + tokens.length + size);
  const view = new DataView(out.buffer);
  for (const [i, value] of [MAGIC, VERSION, tokens.length, size].entries()) {
    view.setUint32(i * 4, value, true);
  }
  let at = HEADER + tokens.length;
  for (const [rank, token] of tokens.entries()) {
    if (token.length === 0 || token.length > 255)
      throw new RangeError(`token ${rank} has ${token.length} bytes`);
    out[HEADER + rank] = token.length;
    out.set(token, at);
    at += token.length;
  }
  return out;
}

/** Reads a table written by {@link encodeRankTable}; throws a RangeError if it is not one. */
export function decodeRankTable(data: Uint8Array): RankTable {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (
    data.byteLength < HEADER ||
    view.getUint32(0, true) !== MAGIC ||
    view.getUint32(4, true) !== VERSION
  ) {
    throw new RangeError('not a rank table (bad magic or version)');
  }
  const count = view.getUint32(8, true);
  const size = view.getUint32(12, true);
  if (data.byteLength !== HEADER + count + size) throw new RangeError('truncated rank table');
  // Shared memory when the table is, so it can go to worker threads as it is.
  const shared = data.buffer instanceof SharedArrayBuffer;
  const offsets = new Uint32Array(
    shared ? new SharedArrayBuffer(4 * (count + 1)) : new ArrayBuffer(4 * (count + 1)),
  );
  for (let rank = 0; rank < count; rank++)
    offsets[rank + 1] = offsets[rank]! + data[HEADER + rank]!;
  if (offsets[count] !== size) throw new RangeError('rank table lengths do not add up');
  return { count, offsets, bytes: data.subarray(HEADER + count) };
}
