// The one place hotpath checks the Node.js version at load time. Every package's entry module
// imports this first (`import '@hotpath/protocol/assert-node';`): ES modules evaluate depth-first
// in import order, so this runs, and throws UnsupportedNodeError, before any later import (undici,
// for one) can fail on an old Node with an unrelated TypeError. It imports nothing but errors.
// Listed in `sideEffects` in package.json so bundlers keep it.
import { assertSupportedNode } from './supported-node.ts';

assertSupportedNode();
