import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/**
 * Bad input to a `@hotpath/bench` function: names the argument and what was expected.
 * A `TypeError`, so `instanceof TypeError` keeps working; carries a stable `code`.
 */
export class BenchArgumentError extends HotpathArgumentError {
  /** @param message - which argument was wrong and what was expected */
  constructor(message: string) {
    super('HOTPATH_BENCH_INVALID_ARGUMENT', message);
  }
}

/** The command line was wrong: unknown command or option, missing `--base`, bad number. */
export class BenchUsageError extends HotpathError {
  /** @param message - what was wrong, ending with what to run instead */
  constructor(message: string, options?: HotpathErrorOptions) {
    super('HOTPATH_BENCH_USAGE', `${message} Run \`hotpath-bench --help\` for usage.`, options);
  }
}

/** No `*.bench.ts` file matched the directory and filter words. */
export class NoScenariosError extends HotpathError {
  /** @param where - the directory searched and the filter words */
  constructor(where: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_NO_SCENARIOS',
      `No *.bench.ts files found in ${where}. Pass --dir <folder with *.bench.ts files> or fix the filter words.`,
      options,
    );
  }
}

/** A `*.bench.ts` file did not default-export a Scenario (or an array of them), or it failed to load. */
export class InvalidScenarioError extends HotpathError {
  /** The scenario file. */
  readonly file: string;
  /** What is wrong with it. */
  readonly problem: string;

  /** @param file - the scenario file; @param problem - what is wrong with its default export */
  constructor(file: string, problem: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_INVALID_SCENARIO',
      `${file}: ${problem}. Default-export { name, tasks: { name: () => work }, targets? } or an array of them.`,
      options,
    );
    this.file = file;
    this.problem = problem;
  }
}

/** A benchmark task threw or rejected while it was measured. */
export class TaskFailedError extends HotpathError {
  /** `scenario › task`, with the side (`base` or `head`) in a comparison. */
  readonly task: string;

  /** @param task - `scenario › task` (and which side, in a comparison) */
  constructor(task: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_TASK_FAILED',
      `Benchmark task ${task} failed (see the cause). Fix the task so it runs without throwing; the gate cannot measure it.`,
      options,
    );
    this.task = task;
  }
}

/** The steps of preparing a base revision, named in {@link BaseSetupError}. */
export type BaseSetupStep = 'resolve' | 'fetch' | 'worktree' | 'install' | 'build';

const BASE_ADVICE: Record<BaseSetupStep, string> = {
  resolve:
    'Pass a branch, tag or commit that exists; in a shallow CI clone pass --base origin/<branch>, which hotpath-bench fetches.',
  fetch: 'Check the remote name and the branch, and that the job may read the repository.',
  worktree:
    'Check that the repository is not locked by another git process and that /tmp is writable.',
  install:
    'Make the base install with its lockfile, or pass --install "<command>" (or --no-install and --base-dir for a tree you prepared).',
  build:
    'Make the base build with its `build` script, or pass --install "<command>" to prepare it your way.',
};

/** Preparing the base revision (resolving or fetching the ref, git worktree, install, build) failed. */
export class BaseSetupError extends HotpathError {
  /** The step that failed. */
  readonly step: BaseSetupStep;

  /**
   * @param step - the step that failed
   * @param detail - the command that failed and the end of its output
   */
  constructor(step: BaseSetupStep, detail: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_BASE_SETUP',
      `Could not prepare the base revision: the ${step} step failed: ${detail}\n${BASE_ADVICE[step]}`,
      options,
    );
    this.step = step;
  }
}

/** A measuring process (a child process that loads and runs the scenarios) failed on its own. */
export class MeasureProcessError extends HotpathError {
  /** @param problem - how the process failed, with the end of its output */
  constructor(problem: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_PROCESS_FAILED',
      `A measuring process failed: ${problem}. Scenario files must not call process.exit() or leave the process unable to run; the output above shows what it printed.`,
      options,
    );
  }
}
