/** Receives progress from a run: one `begin` per scenario, one `round` per finished round. */
export interface Progress {
  /** A scenario (or probe) starts; `rounds` rounds will follow. */
  begin(label: string, rounds: number): void;
  /** One round finished. */
  round(): void;
  /** The scenario finished. */
  end(): void;
}

/** A {@link Progress} that reports nothing (the default of the library functions). */
export const silentProgress: Progress = Object.freeze({
  begin(): void {},
  round(): void {},
  end(): void {},
});

/** The part of a stream that {@link createProgress} writes to. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

function bar(done: number, total: number, width: number): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function ttyProgress(stream: ProgressStream): Progress {
  let label = '';
  let total = 0;
  let done = 0;
  const draw = (): void => {
    const text = `${bar(done, total, 24)} ${done}/${total} ${label}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  return {
    begin(name, rounds) {
      [label, total, done] = [name, rounds, 0];
      draw();
    },
    round() {
      done++;
      draw();
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}

function lineProgress(stream: ProgressStream): Progress {
  let started = 0;
  let label = '';
  return {
    begin(name, rounds) {
      [label, started] = [name, performance.now()];
      stream.write(`running ${name} (${rounds} rounds)\n`);
    },
    round(): void {},
    end() {
      stream.write(`done    ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

/**
 * A progress display for `stream`: a redrawn bar on a terminal, and one plain line
 * per scenario start and end otherwise (CI logs stay readable).
 */
export function createProgress(stream: ProgressStream): Progress {
  return stream.isTTY ? ttyProgress(stream) : lineProgress(stream);
}
