import type { OutputStream } from '../command.ts';
import type { ModeName } from './mode-run.ts';

/** Receives the demo's progress: one `phase` per mode, one `file` per finished file. */
export interface DemoProgress {
  /** A mode starts; `detail` says what it does. */
  phase(mode: ModeName, detail: string): void;
  /** A file finished in `mode`. */
  file(mode: ModeName, path: string): void;
  /** The run is over: a TTY bar is erased, so the table starts on a clean line. */
  end(): void;
}

const WIDTH = 28;

/** A bar of `width` cells, `done / total` of them filled. */
export function bar(done: number, total: number, width: number = WIDTH): string {
  const filled = total <= 0 ? width : Math.min(width, Math.round((done / total) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function ttyProgress(stream: OutputStream, total: number): DemoProgress {
  let done = 0;
  let label = '';
  const draw = (detail: string): void => {
    const text = `${bar(done, total)} ${String(done).padStart(String(total).length)}/${total} ${label} ${detail}`;
    // A pseudo-terminal may report 0 columns; keep the line whole then.
    const columns = stream.columns !== undefined && stream.columns > 40 ? stream.columns : 80;
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
  };
  return {
    phase(mode, detail) {
      label = mode;
      draw(detail);
    },
    file(_mode, path) {
      done++;
      draw(path);
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}

function lineProgress(stream: OutputStream, total: number): DemoProgress {
  let done = 0;
  return {
    phase(mode, detail) {
      stream.write(`${mode}: ${detail}\n`);
    },
    file(mode, path) {
      done++;
      stream.write(`  [${bar(done, total, 10)}] ${done}/${total} ${mode} ${path}\n`);
    },
    end() {},
  };
}

/** A progress report that does nothing (for `--json` into a pipe, or tests). */
export const silentDemoProgress: DemoProgress = Object.freeze({
  phase(): void {},
  file(): void {},
  end(): void {},
});

/**
 * The demo's progress bar on `stream`: redrawn in place on a TTY, one plain line per
 * event otherwise (CI logs, pipes). `total` is the number of file steps over all modes.
 */
export function createDemoProgress(stream: OutputStream | undefined, total: number): DemoProgress {
  if (stream === undefined) return silentDemoProgress;
  return stream.isTTY === true ? ttyProgress(stream, total) : lineProgress(stream, total);
}
