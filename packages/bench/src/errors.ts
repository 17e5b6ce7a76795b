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
  /** @param file - the scenario file; @param problem - what is wrong with its default export */
  constructor(file: string, problem: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_INVALID_SCENARIO',
      `${file}: ${problem}. Default-export { name, tasks: { name: () => work }, targets? } or an array of them.`,
      options,
    );
  }
}

/** A benchmark task threw or rejected while it was measured. */
export class TaskFailedError extends HotpathError {
  /** @param task - `scenario › task` (and which side, in a comparison) */
  constructor(task: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_TASK_FAILED',
      `Benchmark task ${task} failed (see the cause). Fix the task so it runs without throwing; the gate cannot measure it.`,
      options,
    );
  }
}

/** Preparing the base revision (git worktree, install or build) failed. */
export class BaseSetupError extends HotpathError {
  /** @param step - the step that failed, with its command and output */
  constructor(step: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_BENCH_BASE_SETUP',
      `Could not prepare the base revision: ${step}. Check that the ref exists (git fetch it in shallow CI clones) and that the base installs and builds.`,
      options,
    );
  }
}
