// Builds and packs every published package into one directory, once, for the checks that
// install them like a stranger would (`--packs <dir>` on each):
//   node scripts/pack.ts --out .hotpath/packs
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAndPack, tarballsIn } from './lib/tarballs.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.hotpath/packs' } } });
const out = resolve(values.out);
rmSync(out, { recursive: true, force: true });
buildAndPack(out);
const tarballs = tarballsIn(out);
console.log(`packed ${tarballs.size} packages into ${out}`);
