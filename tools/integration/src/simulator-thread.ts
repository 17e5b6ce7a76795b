import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SimulatorOptions, SimulatorStats } from '@hotpath/simulator';

/** `@hotpath/simulator` running on a worker thread. */
export interface SimulatorThread extends AsyncDisposable {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** A snapshot of the simulator's counters. */
  stats(): Promise<SimulatorStats>;
  /** Closes the simulator and ends the thread. */
  close(): Promise<void>;
}

interface Reply {
  readonly type: 'url' | 'stats';
  readonly url?: string;
  readonly stats?: SimulatorStats;
}

async function reply(worker: Worker, type: Reply['type']): Promise<Reply> {
  for (;;) {
    const [message] = (await once(worker, 'message')) as [Reply];
    if (message.type === type) return message;
  }
}

/** Starts the simulator on its own thread (on a free port) and waits until it listens. */
export async function startSimulatorThread(
  options: Omit<SimulatorOptions, 'port'> = {},
): Promise<SimulatorThread> {
  const worker = new Worker(new URL('./simulator-worker.ts', import.meta.url), {
    workerData: options,
    execArgv: ['--conditions=@hotpath/source'],
  });
  const { url } = await reply(worker, 'url');
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const exited = once(worker, 'exit');
      worker.postMessage('close');
      await exited;
    })();
    return closing;
  };
  return {
    url: url ?? '',
    async stats() {
      const answer = reply(worker, 'stats');
      worker.postMessage('stats');
      return (await answer).stats as SimulatorStats;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
