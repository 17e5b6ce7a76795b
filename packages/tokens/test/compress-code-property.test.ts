import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { compress } from '../src/index.ts';

// markdown-it (CommonMark preset) is the reference parser: the code blocks, fences and HTML
// blocks it finds in the input must be found, byte for byte, in compress's output.
const markdown = new MarkdownIt('commonmark');
const seeds = propertySeeds('compress keeps code');

function codeBlocks(text: string): string[] {
  return markdown
    .parse(text, {})
    .filter((t) => t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block')
    .map((t) => `${t.type} ${t.info}\n${t.content}`);
}

const spaces = fc.constantFrom('', ' ', '  ', '   ', '\t', ' \t ', '     ');
const word = fc.constantFrom(
  'alpha',
  'beta',
  'x',
  '=',
  '==',
  'def',
  'return',
  '`a  b`',
  '|',
  '#',
  '*',
  '1.',
  '-',
  'ü',
  '中文',
  '>',
);
const codeLine = fc
  .tuple(spaces, fc.array(fc.tuple(word, spaces), { maxLength: 5 }), spaces)
  .map(([lead, parts, trail]) => lead + parts.map(([w, s]) => w + s).join('') + trail);
const proseLine = fc
  .array(
    fc.tuple(fc.constantFrom('Some', 'prose', 'text', 'with', 'spaces', 'ünï', '`x  y`'), spaces),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => parts.map(([w, s]) => w + s).join(''))
  .filter((line) => /^\S/.test(line));

type Lines = string[];

function closer(open: string): string {
  if (open === '<!--') return '-->';
  if (open === '<?php') return '?>';
  return `</${open.trim().slice(1).split(/[ >]/)[0]}>`;
}

function fenced(
  fence: string,
  info: string,
  lines: Lines,
  closed: boolean,
  indent: string[],
): Lines {
  return [indent[0] + fence + info, ...lines, ...(closed ? [indent[1] + fence] : [])];
}

const leaf: fc.Arbitrary<Lines> = fc.oneof(
  fc.array(proseLine, { minLength: 1, maxLength: 3 }),
  fc
    .tuple(
      fc.constantFrom('```', '~~~', '````', '~~~~~'),
      fc.constantFrom('', 'py', ' yaml'),
      fc.array(fc.oneof(codeLine, fc.constant('')), { maxLength: 6 }),
      fc.boolean(),
      fc.array(fc.constantFrom('', ' ', '  ', '   '), { minLength: 2, maxLength: 2 }),
    )
    .map(([fence, info, lines, closed, indent]) => fenced(fence, info, lines, closed, indent)),
  fc
    .array(
      codeLine.filter((l) => l.trim() !== ''),
      { minLength: 1, maxLength: 4 },
    )
    .map((lines) => lines.map((l) => `    ${l}`)),
  fc
    .tuple(
      fc.constantFrom(
        '<div>',
        '<pre>',
        '<!--',
        '<table>',
        '  <pre>',
        '<custom-tag a="1">',
        '<?php',
      ),
      fc.array(fc.oneof(codeLine, fc.constant('')), { maxLength: 4 }),
    )
    .map(([open, lines]) => [open, ...lines, closer(open)]),
  fc
    .constantFrom('# Heading   with  spaces', '***', 'Title   here\n=====', '[ref]:   /url   "t"')
    .map((block) => block.split('\n')),
);

/** A Markdown document: leaves and containers nested up to `depth`, separated by blank lines. */
function document(depth: number): fc.Arbitrary<Lines> {
  const block: fc.Arbitrary<Lines> =
    depth <= 0
      ? leaf
      : fc.oneof(
          { weight: 3, arbitrary: leaf },
          {
            weight: 1,
            arbitrary: document(depth - 1).map((lines) =>
              lines.map((l) => (l === '' ? '>' : `> ${l}`)),
            ),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom('- ', '* ', '1. ', '10) ', '-   '), document(depth - 1))
              .map(([marker, lines]) =>
                lines.map((l, i) =>
                  i === 0 ? marker + l : l === '' ? '' : ' '.repeat(marker.length) + l,
                ),
              ),
          },
        );
  return fc
    .array(fc.tuple(block, fc.constantFrom([''], ['', ''], ['', '', ''], [])), {
      minLength: 1,
      maxLength: 4,
    })
    .map((parts) => parts.flatMap(([lines, gap]) => [...lines, ...gap]));
}

// Counterexamples found on the way, kept so they are checked on every run.
const examples: [Lines, string][] = [
  [['> - ```', '>', '>   Some', '>', '>', ''], '\n'],
  [['<div>', '</div>', ''], '\n'],
  [['- ```', '', '  <div>', '  </div>', '', ''], '\n'],
  [
    ['- - # Heading   with  spaces', '', '', '', '   ```', ' alpha', '   ```', '', 'Some', ''],
    '\n',
  ],
  [['Some', '10) # Heading   with  spaces', '', '    Title   here', '    =====', '', ''], '\n'],
  [
    [
      '> - -     -\t',
      '>         alpha',
      '>',
      '>     Title   here',
      '>     =====',
      '>',
      '>',
      '>   Some',
      '>',
      '>',
      '',
      '```',
      '',
    ],
    '\n',
  ],
];

describe('compress', () => {
  it.each(seeds)(
    'every code block, fence and HTML block of generated nested Markdown comes out byte-identical (seed %i)',
    (seed) => {
      const property = fc.property(document(3), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const input = lines.join(eol);
        const output = compress(input).text;
        expect(codeBlocks(output)).toEqual(codeBlocks(input));
      });
      fc.assert(property, {
        seed,
        numRuns: Number(process.env.HOTPATH_COMPRESS_RUNS ?? 2_000),
        examples,
      });
    },
    60_000,
  );

  it.each(seeds)(
    'still saves tokens on generated prose with runs of spaces and blank lines (seed %i)',
    (seed) => {
      let saved = 0;
      const property = fc.property(fc.array(proseLine, { minLength: 2, maxLength: 8 }), (lines) => {
        const input = `${lines.join('\n\n\n')}\n`;
        const result = compress(input);
        saved += result.saved;
        expect(result.saved).toBeGreaterThanOrEqual(0);
      });
      fc.assert(property, { seed, numRuns: 300 });
      expect(saved).toBeGreaterThan(0);
    },
  );
});
