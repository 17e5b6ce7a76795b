import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/index.ts';

function stream(isTTY: boolean): {
  write(text: string): void;
  isTTY: boolean;
  columns: number;
  text: string;
} {
  return {
    isTTY,
    columns: 80,
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('createProgress', () => {
  it('redraws a bar with the round count on a terminal', () => {
    const out = stream(true);
    const progress = createProgress(out);
    progress.begin('cache: hit', 4);
    progress.round();
    progress.round();
    const frames = out.text.split('\r\x1b[2K').filter(Boolean);
    expect(frames.map((frame) => frame.match(/ (\d)\/4 cache: hit$/)?.[1])).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(frames.at(-1)).toContain('████████████░░░░░░░░░░░░');
    progress.end();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('prints one line when a scenario starts and one when it ends otherwise', () => {
    const out = stream(false);
    const progress = createProgress(out);
    progress.begin('cache: hit', 4);
    progress.round();
    progress.end();
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('running cache: hit (4 rounds)');
    expect(lines[1]).toMatch(/^done {4}cache: hit in \d+\.\d s$/);
  });
});
