// Loaded by hotpath-bench.cjs: import() is syntax that very old Node.js versions cannot parse.
// dist/cli.js turns an unsupported Node.js into exit 2 and a message itself; this catches what
// fails before it runs (a missing or broken install, or syntax this Node.js cannot parse).
'use strict';
import('../dist/cli.js').catch((error) => {
  const needs = require('../package.json').engines.node;
  process.stderr.write(
    `error: hotpath-bench could not start on Node.js ${process.version} (it needs ${needs}): ${error?.stack ?? error}\n`,
  );
  process.exitCode = 2;
});
