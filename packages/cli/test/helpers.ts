import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputStream } from '../src/index.ts';

/** An output stream that keeps what was written, and can wait for a pattern to appear. */
export interface Capture extends OutputStream {
  text(): string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

export function capture(isTTY = false): Capture {
  let text = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const match = text.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  return {
    isTTY,
    columns: 120,
    write(chunk: string) {
      text += chunk;
      check();
      return true;
    },
    text: () => text,
    waitFor: (pattern) =>
      new Promise((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
  };
}

/**
 * A small source tree: five source files in two packages, plus files the demo must skip
 * (a test, a declaration file, node_modules, dist).
 */
export async function sourceTree(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hotpath-cli-'));
  const dir = join(root, 'packages');
  const files: Record<string, string> = {
    'alpha/src/index.ts': "export { add } from './add.ts';\n",
    'alpha/src/add.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    'alpha/src/mul.ts': 'export const mul = (a: number, b: number): number => a * b;\n',
    'beta/src/main.py': 'def main():\n    print("hello")\n',
    'beta/src/util.js': 'export function id(x) {\n  return x;\n}\n',
    'alpha/src/add.test.ts': 'import { add } from "./add.ts";\n',
    'alpha/src/types.d.ts': 'export type X = 1;\n',
    'alpha/node_modules/dep/index.js': 'module.exports = 1;\n',
    'alpha/dist/index.js': 'export {};\n',
  };
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(join(full, '..'), { recursive: true });
    await writeFile(full, text);
  }
  return dir;
}
