import { HotpathError } from '@hotpath/protocol';
import { InvalidScenarioError, MeasureProcessError, TaskFailedError } from '../errors.ts';
import type { Target } from '../scenario.ts';
import type { Statistic } from './measure.ts';

/** What a scenario file defines, as the parent learns it from a measuring process. */
export interface ScenarioInfo {
  /** The file, relative to the tree's root. */
  readonly file: string;
  readonly name: string;
  readonly tasks: readonly string[];
  readonly targets: readonly Target[];
  readonly itemsPerCall?: number | undefined;
}

/** Requests from the parent to a measuring process; each gets exactly one reply. */
export type WorkerRequest =
  | {
      readonly type: 'load';
      readonly files: readonly { readonly rel: string; readonly path: string }[];
      /** Check the scenarios' targets (`run`); `compare` measures tasks only. */
      readonly targets: boolean;
      /** Appended to task labels in errors: `(base)` or `(head)`. */
      readonly side?: string | undefined;
      /** tinybench time per measurement, in ms. */
      readonly timeMs: number;
      readonly statistic: Statistic;
    }
  | { readonly type: 'setup' | 'teardown'; readonly scenario: number }
  | {
      readonly type: 'measure';
      readonly scenario: number;
      readonly task: string;
      readonly warmup: boolean;
    };

/** Replies of a measuring process. */
export type WorkerReply =
  | { readonly type: 'loaded'; readonly scenarios: readonly ScenarioInfo[] }
  | { readonly type: 'ok' }
  | { readonly type: 'measured'; readonly cost: number }
  | { readonly type: 'failed'; readonly error: SerializedError };

/** An error as it crosses the process boundary. */
export interface SerializedError {
  readonly code?: string | undefined;
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  readonly task?: string | undefined;
  readonly file?: string | undefined;
  readonly problem?: string | undefined;
  readonly cause?: SerializedError | undefined;
}

/** Turns any thrown value into something JSON can carry, keeping the fields errors are rebuilt from. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' ? code : undefined,
    name: error.name,
    message: error.message,
    stack: error.stack,
    task: error instanceof TaskFailedError ? error.task : undefined,
    file: error instanceof InvalidScenarioError ? error.file : undefined,
    problem: error instanceof InvalidScenarioError ? error.problem : undefined,
    cause:
      error.cause === undefined || depth > 3 ? undefined : serializeError(error.cause, depth + 1),
  };
}

function plainError(serialized: SerializedError, cause: Error | undefined): Error {
  const error = new Error(serialized.message, cause === undefined ? {} : { cause });
  error.name = serialized.name;
  if (serialized.stack !== undefined) error.stack = serialized.stack;
  return error;
}

/**
 * Rebuilds an error from a measuring process: the package's own errors as their own
 * classes (so `instanceof` and `code` work in the parent), other coded errors as
 * `HotpathError`s with the same code, anything else as a plain error (as a cause).
 */
export function reviveError(serialized: SerializedError): Error {
  const cause = serialized.cause === undefined ? undefined : reviveError(serialized.cause);
  const options = cause === undefined ? {} : { cause };
  if (serialized.code === 'HOTPATH_BENCH_TASK_FAILED' && serialized.task !== undefined) {
    return new TaskFailedError(serialized.task, options);
  }
  if (
    serialized.code === 'HOTPATH_BENCH_INVALID_SCENARIO' &&
    serialized.file !== undefined &&
    serialized.problem !== undefined
  ) {
    return new InvalidScenarioError(serialized.file, serialized.problem, options);
  }
  if (serialized.code?.startsWith('HOTPATH_')) {
    return new HotpathError(serialized.code, serialized.message, options);
  }
  return plainError(serialized, cause);
}

/** The error for a reply of the wrong kind: a bug, or a process that misbehaves. */
export function unexpectedReply(reply: WorkerReply, wanted: string): Error {
  return new MeasureProcessError(`it replied "${reply.type}" where "${wanted}" was expected`);
}
