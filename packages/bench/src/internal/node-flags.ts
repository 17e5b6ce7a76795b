// Imports nothing from other packages: the source binary reads this before it has the export
// condition that resolves them.

/** The export condition that scenario files and the source binary resolve packages with. */
export function exportCondition(env: NodeJS.ProcessEnv): string {
  return env.HOTPATH_BENCH_CONDITION ?? '@hotpath/source';
}

function hasCondition(flags: readonly string[], condition: string): boolean {
  return flags.some(
    (flag, i) =>
      flag === `--conditions=${condition}` ||
      flag === `-C=${condition}` ||
      ((flag === '--conditions' || flag === '-C') && flags[i + 1] === condition),
  );
}

/**
 * The Node flags a process needs on top of its own to load `*.bench.ts` files: the export
 * condition (unless `HOTPATH_BENCH_CONDITION` is empty or it is already set, here or in
 * `NODE_OPTIONS`), and type stripping where this Node does not strip types by default.
 */
export function missingFlags(execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const condition = exportCondition(env);
  const flags = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  const missing =
    condition !== '' && !hasCondition(flags, condition) ? [`--conditions=${condition}`] : [];
  const strips = (process.features as { typescript?: unknown }).typescript;
  if (!strips && !flags.includes('--experimental-strip-types')) {
    // Node 22.13–22.17 strips types only behind a flag, and warns that it is experimental.
    missing.push('--experimental-strip-types', '--disable-warning=ExperimentalWarning');
  }
  return missing;
}
