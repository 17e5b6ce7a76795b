import { describe, expect, it } from 'vitest';
import { compress, createTokenizer } from '../src/index.ts';

const PYTHON =
  'def fib(n):\n    if n < 2:\n        return n\n\n\n    return fib(n - 1) + fib(n - 2)\n';
const YAML =
  'services:\n  web:\n    command: |\n      echo hello\n\n\n      echo   world\n    ports:\n      - "80:80"';
const MAKEFILE = 'build: main.o\n\tcc  -o app main.o\n\n\n%.o: %.c\n\tcc -c $<';

describe('compress', () => {
  it('collapses runs of spaces, trailing whitespace and repeated blank lines in prose', () => {
    const input = '\n\nHello    world,   this  is\t\tprose.   \n\n\n\nSecond   paragraph.\n\n\n';
    const result = compress(input);
    expect(result.text).toBe('Hello world, this is prose.\n\nSecond paragraph.');
    const tokenizer = createTokenizer();
    expect(result.tokensBefore).toBe(tokenizer.count(input));
    expect(result.tokensAfter).toBe(tokenizer.count(result.text));
    expect(result.saved).toBe(result.tokensBefore - result.tokensAfter);
    expect(result.saved).toBeGreaterThan(0);
  });

  it('leaves fenced code blocks byte for byte', () => {
    const fenced = '```py\nx  =  1\n\n\n\ny =   2   \n```';
    const input = `Some    text.\n\n\n${fenced}\n\n\n\nMore    text.`;
    expect(compress(input).text).toBe(`Some text.\n\n\n${fenced}\n\n\n\nMore text.`);
    const tilde = '~~~~\nunterminated   fence\n\n\n';
    expect(compress(`a  b\n${tilde}`).text).toBe(`a b\n${tilde}`);
  });

  it('leaves unfenced Python, YAML (with a block scalar) and Makefiles intact', () => {
    for (const code of [PYTHON.trimEnd(), YAML, MAKEFILE]) {
      expect(compress(code).text).toBe(code);
      expect(compress(`Intro   text.\n\n\n${code}\n\n\nOutro   text.`).text).toBe(
        `Intro text.\n\n\n${code}\n\n\nOutro text.`,
      );
    }
  });

  it('leaves fenced and indented code nested in blockquotes, list items and HTML blocks alone', () => {
    const cases: [string, string][] = [
      [
        '> Quoted   prose.\n>\n> ```py\n> x  =  1   \n>\n>\n>     y =   2\n> ```',
        '> Quoted prose.\n>\n> ```py\n> x  =  1   \n>\n>\n>     y =   2\n> ```',
      ],
      [
        '- item   one\n\n  ```yaml\n  a:   1\n\n\n  b:    2\n  ```\n- item   two',
        '- item one\n\n  ```yaml\n  a:   1\n\n\n  b:    2\n  ```\n- item two',
      ],
      [
        '1. step   one\n\n       indented   code   in a list\n\n\n       more    code',
        '1. step one\n\n       indented   code   in a list\n\n\n       more    code',
      ],
      [
        '<div>\n\n```\ninside   html   fence\n```\n\n</div>',
        '<div>\n\n```\ninside   html   fence\n```\n\n</div>',
      ],
      [
        '<pre>\nkeep   this\n\n\nand    this\n</pre>',
        '<pre>\nkeep   this\n\n\nand    this\n</pre>',
      ],
      ['> - ```\n>   deep    code\n>   ```', '> - ```\n>   deep    code\n>   ```'],
      [
        'Some\n10) not   a list\n\n    indented   code',
        'Some\n10) not   a list\n\n    indented   code',
      ],
      // `* ***` is a thematic break, not a nested item, so the quote sits in the outer item at
      // 2 columns and its `>` lines at column 0 of the item's content go on inside the fence.
      [
        '- * ***\n\n    > ```\n    >\n  > Some   Some\n  >',
        '- * ***\n\n    > ```\n    >\n  > Some   Some\n  >',
      ],
      // The tab after 3 spaces is one column wide: `alpha` leaves the inner item (and its fence),
      // and the next fence, opened in the outer item, holds the link definition.
      [
        '1. - <div>\n     </div>\n\n     ```\n   \talpha\n      ```\n\n   [ref]:   /url   "t"',
        '1. - <div>\n     </div>\n\n     ```\n   \talpha\n      ```\n\n   [ref]:   /url   "t"',
      ],
      // A quote left alone for a tab in its content is left alone whole, HTML comment included.
      ['> <!--\n>  \t \n> alpha   \n> -->', '> <!--\n>  \t \n> alpha   \n> -->'],
      // `</custom-tag>` cannot interrupt a paragraph (type 7), `<?php` can (type 3).
      [
        '<custom-tag a="1">\n\nalpha\n</custom-tag>\n<?php\n\nkeep   this\n?>',
        '<custom-tag a="1">\n\nalpha\n</custom-tag>\n<?php\n\nkeep   this\n?>',
      ],
    ];
    for (const [block, expected] of cases) {
      const { text } = compress(`Intro   text.\n\n\n${block}\n\n\nOutro   text.`);
      expect(text).toBe(`Intro text.\n\n\n${expected}\n\n\nOutro text.`);
    }
  });

  it('leaves Python and YAML passed as plain text byte for byte', () => {
    const python =
      'import os\n\nx  =  compute(1,   2)\nprint(x,   "a  b")\n\n\ndef f():\n    return  x   \n';
    const yaml = 'steps:\n- run: echo   hi\n- name:   build\n\n\nenv:\n  A:   1   \n';
    expect(compress(python).text).toBe(python);
    expect(compress(yaml).text).toBe(yaml);
  });

  it('keeps CRLF and CR line endings and their code blocks', () => {
    const crlf = 'a   b\r\n\r\n\r\n```\r\nx   y\r\n```\r\nc   d';
    expect(compress(crlf).text).toBe('a b\r\n\r\n\r\n```\r\nx   y\r\n```\r\nc d');
    const cr = 'a   b\r```\rx   y\r```';
    expect(compress(cr).text).toBe('a b\r```\rx   y\r```');
  });

  it('keeps blank lines inside an open triple-quoted string', () => {
    const doc = 'x = """\nfirst   line\n\n\n\nlast   line\n"""';
    expect(compress(doc).text).toBe(doc);
  });

  it('keeps inline code spans and leading indentation', () => {
    expect(compress('Run  `a   b`  now.').text).toBe('Run `a   b` now.');
    expect(compress('Item:\n    indented   block').text).toBe('Item:\n    indented   block');
  });

  it('returns the text unchanged and saves 0 when nothing is redundant', () => {
    const result = compress('Nothing to do here.');
    expect(result).toMatchObject({ text: 'Nothing to do here.', saved: 0 });
  });

  it('rejects a non-string', () => {
    expect(() => compress(1 as unknown as string)).toThrow(/text must be a string/);
  });
});
