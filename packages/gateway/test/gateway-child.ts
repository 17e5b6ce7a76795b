// A gateway in its own process, for tests whose subject is what crosses a real process boundary
// (a client in another process sees the resets a same-process one does not). Started by
// `startGatewayChild`; prints nothing, answers `{ url }` over IPC, closes on 'close'.
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../src/index.ts';

const [simUrl, extra] = process.argv.slice(2);
if (simUrl === undefined) throw new Error('usage: gateway-child.ts <simulator url> [config json]');
const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-child-'));
const gateway = await startGateway({
  upstreams: { sim: { type: 'openai', baseURL: `${simUrl}/v1` } },
  models: { 'sim-small': 'sim' },
  cache: { path: join(dir, 'cache.sqlite') },
  ...(extra === undefined ? {} : JSON.parse(extra)),
});
let requests = 0;

subscribe('http.server.request.start', () => {
  requests++;
});
process.on('message', async (message) => {
  if (message === 'requests') process.send?.({ requests });
  if (message !== 'close') return;
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
  process.disconnect?.();
});
process.send?.({ url: gateway.url });
