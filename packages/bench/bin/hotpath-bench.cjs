#!/usr/bin/env node
// The published `hotpath-bench` binary. Plain ES5 CommonJS, so that every Node.js can read it and
// every failure to start ends with the documented exit code 2. The Node.js version is checked by
// dist/cli.js itself (through @hotpath/protocol/assert-node, whose message names MIN_NODE_VERSION);
// this file only covers a Node.js too old to even parse start.cjs's import().
'use strict';
try {
  require('./start.cjs');
} catch (error) {
  process.stderr.write(
    'error: hotpath-bench needs Node.js ' +
      require('../package.json').engines.node +
      ' (this is Node.js ' +
      process.version +
      '): ' +
      // biome-ignore lint/complexity/useOptionalChain: ES5 on purpose, so an old Node.js parses this file
      String(error && error.message) +
      '\n',
  );
  process.exitCode = 2;
}
