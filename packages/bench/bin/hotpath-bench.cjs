#!/usr/bin/env node
// The published `hotpath-bench` binary. Plain ES5 CommonJS, so that every Node.js version can
// read it: an unsupported Node gets a clear message and the documented exit code 2, not a
// syntax error or an unknown-flag exit code from deep inside.
'use strict';
var supported = require('./supported-node.cjs');
var range = require('../package.json').engines.node;
if (supported.isSupported(process.versions.node, range)) {
  require('./start.cjs');
} else {
  process.stderr.write(
    'error: hotpath-bench needs Node.js ' +
      range +
      ' (this is Node.js ' +
      process.version +
      '). ' +
      'Install a supported Node.js (22 LTS or 24) and run it again.\n',
  );
  process.exitCode = 2;
}
