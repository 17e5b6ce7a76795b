// @hotpath/simulator on its own thread: its heap stays out of the main thread's readings and
// its event loop off the host's. Answers 'stats' with a stats snapshot, closes on 'close'.
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '@hotpath/simulator';

const sim = await startSimulator({ ...workerData, port: 0 });
parentPort?.postMessage({ type: 'url', url: sim.url });
parentPort?.on('message', async (message: string) => {
  if (message === 'stats') parentPort?.postMessage({ type: 'stats', stats: sim.stats() });
  if (message === 'close') {
    await sim.close();
    parentPort?.close();
  }
});
