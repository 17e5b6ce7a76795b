// Runs every code example of every published package's README, and the plugin guide, the way a
// stranger would: the packed packages are installed with npm into an empty project outside the
// workspace; each `ts`/`js` block is written to a file of its own, type-checked as a complete
// program (tsc with the tsconfig for Node's type stripping, against the installed packages' types)
// and run with `node file.ts` (or `.mjs`) on the newest Node 22 and 24. A program must exit 0 on
// its own within the time limit.
//
// Blocks in another language (sh, text, json …) are not programs. A TS/JS block that is
// deliberately a fragment says so on the line before its fence: `<!-- not-a-program: reason -->`.
// A document whose blocks carry `<!-- file: path -->` builds one project instead (the plugin
// guide): its files are written out, its npm install line must name every package they import, and
// the project is type-checked and its vitest tests run on each Node. Nothing is skipped silently:
// the summary counts every block, and READMEs listed in scripts/pending-final-pass.ts run too but
// report failures as PENDING.
//   node scripts/examples.ts [--packs <dir>] [--only <path substring>] [--keep]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CodeBlock, codeBlocks, PROGRAM_LANGUAGES } from './lib/markdown-blocks.ts';
import { type NodeBinary, nodeBinary, SUPPORTED_NODE_SPECS } from './lib/node-binaries.ts';
import { npmProject } from './lib/project.ts';
import {
  importedPackages,
  inParallel,
  type Outcome,
  runOn,
  STRANGER_COMPILER_OPTIONS,
  TOOLING,
  workspaceRange,
} from './lib/stranger-project.ts';
import { packedPackages } from './lib/tarballs.ts';
import { publishedPackages, root } from './lib/workspace.ts';
import { PENDING_README_EXAMPLES } from './pending-final-pass.ts';

const { values } = parseArgs({
  options: { packs: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean' } },
});
const RUN_TIMEOUT_MS = 60_000;
const PENDING_TIMEOUT_MS = 20_000;

interface Program {
  readonly doc: string;
  readonly block: CodeBlock;
  readonly file: string;
}

const docs = [
  ...publishedPackages().map((p) => `${p.path}/README.md`),
  'docs/writing-plugins.md',
].filter((doc) => values.only === undefined || doc.includes(values.only));
const counts = { passed: 0, failed: 0, pending: 0, notPrograms: 0, marked: 0 };
const failures: string[] = [];

function report(doc: string, line: number, what: string, outcome: Outcome): void {
  const where = `${doc}:${line}`;
  const pending = doc in PENDING_README_EXAMPLES;
  if (outcome.ok) {
    counts.passed++;
    console.log(`ok      ${where}  ${what} (${(outcome.ms / 1000).toFixed(1)} s)`);
    return;
  }
  const detail = outcome.output
    .split('\n')
    .slice(0, 12)
    .map((l) => `          ${l}`)
    .join('\n');
  if (pending) counts.pending++;
  else {
    counts.failed++;
    failures.push(`${where}  ${what}`);
  }
  console.log(`${pending ? 'PENDING' : 'FAIL   '} ${where}  ${what}\n${detail}`);
}

/** Sorts a document's blocks into programs, project files and the rest, counting the rest. */
function classify(
  doc: string,
  blocks: readonly CodeBlock[],
): { programs: CodeBlock[]; files: CodeBlock[] } {
  const programs: CodeBlock[] = [];
  const files: CodeBlock[] = [];
  for (const block of blocks) {
    if (block.file !== undefined) files.push(block);
    else if (block.language === '')
      report(doc, block.line, 'a code block needs a language (or a not-a-program marker)', {
        ok: false,
        ms: 0,
        output: '',
      });
    else if (!(block.language in PROGRAM_LANGUAGES)) counts.notPrograms++;
    else if (block.notAProgram !== undefined) {
      counts.marked++;
      console.log(`marked  ${doc}:${block.line}  not a program: ${block.notAProgram}`);
    } else programs.push(block);
  }
  return { programs, files };
}

/** `file:` specs for hotpath packages, workspace ranges for the rest. */
function dependencyRanges(
  names: Iterable<string>,
  tarballs: ReadonlyMap<string, string>,
): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const name of [...new Set([...names, ...TOOLING])].sort()) {
    const tarball = tarballs.get(name);
    deps[name] = tarball !== undefined ? `file:${tarball}` : workspaceRange(name);
  }
  return deps;
}

function writeTsconfig(dir: string, name: string, include: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `${JSON.stringify({ compilerOptions: STRANGER_COMPILER_OPTIONS, include }, null, 2)}\n`,
  );
  return file;
}

/** A temporary project directory for `fn`, removed afterwards unless `--keep`. */
async function inTempDir(prefix: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await fn(dir);
  } finally {
    if (values.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function writeFiles(dir: string, files: readonly { path: string; code: string }[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.code);
  }
}

/** Type-checks each program on its own (one tsconfig each), two at a time. */
async function typecheckPrograms(
  dir: string,
  programs: readonly Program[],
  node: NodeBinary,
): Promise<void> {
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  const checks = programs.map((p, i) => async () => {
    const config = writeTsconfig(dir, `tsconfig.${i}.json`, [p.file]);
    const outcome = await runOn(node, 'node', [tsc, '-p', config], dir, RUN_TIMEOUT_MS);
    report(p.doc, p.block.line, 'type-checks', outcome);
  });
  await inParallel(checks, 2);
}

/** Runs each program on `node`, two at a time; each must exit 0 on its own in time. */
async function runPrograms(
  dir: string,
  programs: readonly Program[],
  node: NodeBinary,
): Promise<void> {
  const runs = programs.map((p) => async () => {
    const limit = p.doc in PENDING_README_EXAMPLES ? PENDING_TIMEOUT_MS : RUN_TIMEOUT_MS;
    const outcome = await runOn(node, 'node', [p.file], dir, limit);
    report(p.doc, p.block.line, `runs on Node ${node.version}`, outcome);
  });
  await inParallel(runs, 2);
}

async function checkPrograms(
  programs: readonly Program[],
  tarballs: ReadonlyMap<string, string>,
  nodes: readonly NodeBinary[],
): Promise<void> {
  if (programs.length === 0) return;
  await inTempDir('hotpath-examples-', async (dir) => {
    const imported = programs.flatMap((p) => importedPackages(p.block.code));
    const dependencies = dependencyRanges(imported, tarballs);
    npmProject('readme-examples', { dependencies }, tarballs, dir);
    writeFiles(
      dir,
      programs.map((p) => ({ path: p.file, code: p.block.code })),
    );
    await typecheckPrograms(dir, programs, nodes[0]!);
    for (const node of nodes) await runPrograms(dir, programs, node);
  });
}

/** The packages an `npm install …` line in the document's shell blocks names. */
function installedByDoc(blocks: readonly CodeBlock[]): Set<string> {
  const names = new Set<string>();
  for (const block of blocks.filter((b) => ['sh', 'bash', 'shell'].includes(b.language))) {
    for (const line of block.code.split('\n')) {
      const words = line.trim().split(/\s+/);
      if (words[0] !== 'npm' || !['install', 'i', 'add'].includes(words[1] ?? '')) continue;
      for (const word of words.slice(2)) {
        if (word.startsWith('#')) break;
        if (!word.startsWith('-')) names.add(word.replace(/(.)@[^/]*$/, '$1'));
      }
    }
  }
  return names;
}

/** Reports whether the document's install lines name every package its code imports. */
function checkInstallLine(
  doc: string,
  line: number,
  imported: Iterable<string>,
  installed: ReadonlySet<string>,
): void {
  const missing = [...imported].filter((name) => !installed.has(name));
  report(doc, line, 'its npm install lines name every package its code imports', {
    ok: missing.length === 0,
    ms: 0,
    output: `not installed by the document: ${missing.join(', ')}`,
  });
}

/** A document that builds one project (`<!-- file: … -->` blocks): install, type-check, vitest. */
async function checkProject(
  doc: string,
  blocks: readonly CodeBlock[],
  files: readonly CodeBlock[],
  tarballs: ReadonlyMap<string, string>,
  nodes: readonly NodeBinary[],
): Promise<void> {
  const first = files[0]!.line;
  const sources = files.filter((f) => f.language in PROGRAM_LANGUAGES);
  const imported = new Set(sources.flatMap((f) => importedPackages(f.code)));
  const installed = installedByDoc(blocks);
  checkInstallLine(doc, first, imported, installed);
  await inTempDir('hotpath-guide-', async (dir) => {
    const devDependencies = dependencyRanges([...installed, ...imported], tarballs);
    npmProject('guide', { devDependencies }, tarballs, dir);
    writeFiles(
      dir,
      files.map((f) => ({ path: f.file!, code: f.code })),
    );
    // The document's own tsconfig.json when it shows one, as the reader would paste it.
    const config = files.some((f) => f.file === 'tsconfig.json')
      ? join(dir, 'tsconfig.json')
      : writeTsconfig(
          dir,
          'tsconfig.json',
          sources.map((f) => f.file!),
        );
    const tsc = join(dir, 'node_modules/typescript/bin/tsc');
    const typecheck = await runOn(nodes[0], 'node', [tsc, '-p', config], dir, RUN_TIMEOUT_MS);
    report(doc, first, `the project type-checks (${files.length} files)`, typecheck);
    const vitest = join(dir, 'node_modules/vitest/vitest.mjs');
    for (const node of nodes) {
      const outcome = await runOn(node, 'node', [vitest, 'run'], dir, 5 * RUN_TIMEOUT_MS);
      report(doc, first, `its tests pass on Node ${node.version}`, outcome);
    }
  });
}

const { tarballs, cleanup } = packedPackages(values.packs);
try {
  const nodes = SUPPORTED_NODE_SPECS.map((spec) => nodeBinary(spec, root));
  const programs: Program[] = [];
  for (const doc of docs) {
    const blocks = codeBlocks(readFileSync(join(root, doc), 'utf8'));
    const sorted = classify(doc, blocks);
    const slug = doc.replace(/\/README\.md$|\.md$/, '').replace(/[^a-z0-9]+/gi, '-');
    for (const block of sorted.programs)
      programs.push({
        doc,
        block,
        file: `${slug}/line-${block.line}.${PROGRAM_LANGUAGES[block.language]}`,
      });
    if (sorted.programs.length > 0) {
      const imported = new Set(sorted.programs.flatMap((b) => importedPackages(b.code)));
      checkInstallLine(doc, sorted.programs[0]!.line, imported, installedByDoc(blocks));
    }
    if (sorted.files.length > 0) await checkProject(doc, blocks, sorted.files, tarballs, nodes);
  }
  console.log(
    `examples: ${programs.length} programs from ${docs.length} documents, on Node ${nodes.map((n) => n.version).join(' and ')}`,
  );
  await checkPrograms(programs, tarballs, nodes);
} finally {
  cleanup();
}
const pendingDocs = Object.keys(PENDING_README_EXAMPLES).length;
console.log(
  `\nexamples: ${counts.passed} checks passed, ${counts.failed} failed, ${counts.pending} pending ` +
    `(${pendingDocs} READMEs listed in scripts/pending-final-pass.ts); ` +
    `${counts.notPrograms} blocks in other languages and ${counts.marked} marked not-a-program were not run`,
);
for (const failure of failures) console.log(`FAIL    ${failure}`);
process.exitCode = counts.failed === 0 ? 0 : 1;
