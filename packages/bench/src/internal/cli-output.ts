import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Writes `<name>.json`, `<name>.md` and `<name>.svg` into `dir`; returns their paths. */
export function writeReports(
  dir: string,
  name: string,
  files: { readonly json: unknown; readonly markdown: string; readonly svg: string },
): string[] {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const written: [string, string][] = [
    [join(root, `${name}.json`), `${JSON.stringify(files.json, null, 2)}\n`],
    [join(root, `${name}.md`), files.markdown],
    [join(root, `${name}.svg`), files.svg],
  ];
  for (const [path, text] of written) writeFileSync(path, text);
  return written.map(([path]) => path);
}
