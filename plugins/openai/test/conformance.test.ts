import { providerConformanceCases } from '@hotpath/provider-kit/conformance';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createOpenAIProvider } from '../src/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 12 });
});
afterAll(() => sim.close());

describe('OpenAI-compatible provider against the simulator', () => {
  const cases = providerConformanceCases({
    create: (url, apiKey) => createOpenAIProvider({ baseURL: `${url}/v1`, apiKey }),
    get upstream() {
      return sim;
    },
    model: 'sim-small',
    embeddingModel: 'sim-embed',
  });
  for (const check of cases) it(check.name, () => check.run());
});
