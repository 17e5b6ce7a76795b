// Entry point of a measuring process: loads one tree's scenario files when asked, then runs
// setup, teardown and measurements one request at a time. The parent decides the order, so
// the base and head processes of a pair take turns, and only one of them measures at a time.
import { loadScenarios } from '../discover.ts';
import type { Scenario } from '../scenario.ts';
import { describeScenarios, LocalSide } from './side.ts';
import { serializeError, type WorkerReply, type WorkerRequest } from './worker-protocol.ts';

type Load = Extract<WorkerRequest, { type: 'load' }>;

async function load(request: Load): Promise<{ side: LocalSide; reply: WorkerReply }> {
  const loaded: { file: string; scenario: Scenario }[] = [];
  for (const { rel, path } of request.files) {
    const check = { targets: request.targets };
    for (const scenario of await loadScenarios(path, check)) loaded.push({ file: rel, scenario });
  }
  const { timeMs, statistic, side } = request;
  return {
    side: new LocalSide(
      loaded.map((entry) => entry.scenario),
      { timeMs, statistic, side },
    ),
    reply: { type: 'loaded', scenarios: describeScenarios(loaded) },
  };
}

function serve(): (request: WorkerRequest) => Promise<WorkerReply> {
  let side: LocalSide | undefined;
  return async (request) => {
    if (request.type === 'load') {
      const result = await load(request);
      side = result.side;
      return result.reply;
    }
    if (!side) throw new Error(`"${request.type}" before "load"`);
    if (request.type === 'measure') {
      return {
        type: 'measured',
        cost: await side.measure(request.scenario, request.task, request.warmup),
      };
    }
    await side[request.type](request.scenario);
    return { type: 'ok' };
  };
}

if (process.send === undefined) {
  process.stderr.write('hotpath-bench: this is a measuring process; hotpath-bench starts it.\n');
  process.exitCode = 2;
} else {
  const handle = serve();
  let queue = Promise.resolve();
  process.on('message', (request: WorkerRequest) => {
    // One request at a time, in order, even if the parent sent the next one early.
    queue = queue.then(async () => {
      const reply = await handle(request).catch(
        (error: unknown): WorkerReply => ({ type: 'failed', error: serializeError(error) }),
      );
      process.send?.(reply);
    });
  });
  // Once the parent lets go, the process ends as soon as the scenarios' handles are closed.
  process.once('disconnect', () => process.removeAllListeners('message'));
}
