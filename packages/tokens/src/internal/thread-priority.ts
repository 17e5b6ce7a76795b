// Lowers the calling thread's scheduling priority (Linux nice value), so that on a busy machine
// the event loop of the thread that owns the pool wins the CPU over the workers' counting.
// Linux schedules threads individually, and setpriority() given a thread id changes only that
// thread; on a machine shared between login sessions (autogroups) the main thread and the
// workers share one CPU budget, and without this a busy worker delayed the event loop by tens
// of milliseconds. Elsewhere, or without /proc, the thread keeps the process's priority.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Adds `increment` (1–19) to the nice value of the calling thread; false if it could not. */
export function lowerThreadPriority(increment: number): boolean {
  if (increment <= 0 || process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, Math.min(19, getPriority(tid) + increment));
    return true;
  } catch {
    return false;
  }
}
