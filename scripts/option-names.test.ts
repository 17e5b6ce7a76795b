// Keeps the naming rule of issue 15 kept: in every published package, a public option that is a
// duration ends in `Ms`, and a base URL is spelled `baseURL`. Option types are the exported
// interfaces and type aliases named …Options, …Config, …Policy or …Settings outside
// `src/internal/` (see scripts/lib/option-names.ts for how a member is judged a duration).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDuration, optionNameViolations } from './lib/option-names.ts';
import { publishedPackages, root } from './lib/workspace.ts';

function publicSources(dir: string): string[] {
  const src = join(dir, 'src');
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.includes(`${join('src', 'internal')}`));
}

describe.each(publishedPackages())('$name', (pkg) => {
  it('spells every duration option with Ms and every base URL option baseURL', () => {
    const violations = publicSources(pkg.dir).flatMap((file) =>
      optionNameViolations(relative(root, file), readFileSync(file, 'utf8')),
    );
    expect(violations).toEqual([]);
  });
});

describe('the rule-keeping scan', () => {
  it('reports every old spelling of the fixture and nothing else', () => {
    const file = 'scripts/fixtures/option-names/old-names.ts';
    const found = optionNameViolations(file, readFileSync(join(root, file), 'utf8'));
    expect(found.map((v) => v.member)).toEqual([
      'FixturePoolOptions.idleTimeout',
      'FixturePoolOptions.lease',
      'FixturePoolOptions.backoff.maxDelay',
      'FixtureUpstreamConfig.baseUrl',
      'FixtureUpstreamConfig.ttl',
      'FixtureUpstreamConfig.retryAfterSeconds',
    ]);
    const reason = (member: string) => found.find((v) => v.member === member)?.reason;
    expect(reason('FixtureUpstreamConfig.baseUrl')).toBe('baseUrl is spelled baseURL');
    expect(reason('FixturePoolOptions.idleTimeout')).toBe('a duration that does not end in Ms');
  });

  it('judges a member a duration by its name or its comment, never a count, clock or object', () => {
    expect(isDuration('connectTimeout', 'number', '')).toBe(true);
    expect(isDuration('window', 'number', 'The window, in seconds.')).toBe(true);
    expect(isDuration('window', 'number', 'Readings judged together.')).toBe(false);
    expect(isDuration('maxRetries', 'number', 'How many times.')).toBe(false);
    expect(isDuration('now', '() => number', 'Monotonic clock in ms')).toBe(false);
    expect(isDuration('backoff', '{ readonly baseMs?: number }', '')).toBe(false);
    expect(isDuration('tokensPerMinute', 'number', 'per minute')).toBe(false);
  });
});
