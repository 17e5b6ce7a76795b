import { describe, expect, it } from 'vitest';
import { channelCalls, channelConstants, stripComments } from '../src/index.ts';

describe('the published-channel scanner', () => {
  it('blanks comments but keeps strings, regexes and line numbers', () => {
    const source = [
      "const a = 'http://x'; // channel('hotpath:no:line')",
      "/* channel('hotpath:no:block')",
      '   still a comment */ const re = /[\'"]/g; const b = "/* not a comment */";',
      'const t = `// $' + '{a}`;',
    ].join('\n');
    const stripped = stripComments(source);
    expect(stripped.split('\n')).toHaveLength(4);
    expect(stripped).not.toContain('hotpath:no');
    expect(stripped).toContain("'http://x'");
    expect(stripped).toContain('/[\'"]/g');
    expect(stripped).toContain('"/* not a comment */"');
    expect(stripped).toContain('`// $' + '{a}`');
  });

  it('reads `*_CHANNELS` constant objects, type annotation and all', () => {
    const source = `export const X_CHANNELS: {
      readonly a: 'hotpath:x:a';
      readonly bB: 'hotpath:x:b-b';
    } = {
      a: 'hotpath:x:a',
      bB: "hotpath:x:b-b",
    };
    export const OTHER = { a: 'not-a-channel' };`;
    expect(channelConstants(source)).toEqual(
      new Map([
        ['X_CHANNELS.a', 'hotpath:x:a'],
        ['X_CHANNELS.bB', 'hotpath:x:b-b'],
      ]),
    );
  });

  it('resolves literal and constant arguments, and reports any other argument as unresolved', () => {
    const source = [
      "import { channel, tracingChannel } from 'node:diagnostics_channel';",
      "const a = channel('hotpath:x:a');",
      'const b = channel(X_CHANNELS.b);',
      'const c = dc.tracingChannel( "hotpath:x:c" );',
      'const d = channel(name);',
      "// const e = channel('hotpath:x:commented');",
    ].join('\n');
    const constants = new Map([['X_CHANNELS.b', 'hotpath:x:b']]);
    expect(channelCalls('f.ts', source, constants)).toEqual([
      { file: 'f.ts', line: 2, argument: "'hotpath:x:a'", name: 'hotpath:x:a' },
      { file: 'f.ts', line: 3, argument: 'X_CHANNELS.b', name: 'hotpath:x:b' },
      { file: 'f.ts', line: 4, argument: '"hotpath:x:c"', name: 'hotpath:x:c' },
      { file: 'f.ts', line: 5, argument: 'name', name: undefined },
    ]);
  });
});
