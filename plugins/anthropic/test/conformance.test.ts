import { providerConformanceCases } from '@hotpath/provider-kit/conformance';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createAnthropicProvider } from '../src/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 12 });
});
afterAll(() => sim.close());

describe('Anthropic provider against the simulator', () => {
  const cases = providerConformanceCases({
    create: (url, apiKey) => createAnthropicProvider({ baseURL: url, apiKey }),
    get upstream() {
      return sim;
    },
    model: 'sim-small',
  });
  for (const check of cases) it(check.name, () => check.run());
});
