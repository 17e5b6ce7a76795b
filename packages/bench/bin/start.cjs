// Loaded only on a supported Node.js: dynamic import() is syntax older versions cannot parse.
'use strict';
import('../dist/cli.js').catch((error) => {
  process.stderr.write(`error: hotpath-bench could not start: ${error?.stack ?? error}\n`);
  process.exitCode = 2;
});
