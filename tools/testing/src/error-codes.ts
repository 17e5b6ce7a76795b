import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CODE = /\bHOTPATH_[A-Z0-9_]+[A-Z0-9]\b/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function codesIn(text: string): Set<string> {
  return new Set(text.match(CODE) ?? []);
}

/**
 * Compares the error codes a package's source uses with the codes its README
 * documents, so the two never drift apart (fastify checks its docs the same way).
 * Returns the codes missing on each side; a test asserts both lists are empty.
 */
export function diffErrorCodes(packageDir: string): { undocumented: string[]; unused: string[] } {
  const used = codesIn(
    sourceFiles(join(packageDir, 'src'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n'),
  );
  const documented = codesIn(readFileSync(join(packageDir, 'README.md'), 'utf8'));
  return {
    undocumented: [...used].filter((code) => !documented.has(code)).sort(),
    unused: [...documented].filter((code) => !used.has(code)).sort(),
  };
}
