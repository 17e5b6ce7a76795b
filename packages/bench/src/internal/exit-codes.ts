// Imports nothing: the binary (cli.ts) reads this before it can load anything else, including on
// a Node.js it does not support.

/** Exit codes of `hotpath-bench`, documented in `--help` and the README; the same on every Node.js. */
export const EXIT = {
  ok: 0,
  regression: 1,
  usage: 2,
  tooNoisy: 3,
  interrupted: 130,
} as const;
