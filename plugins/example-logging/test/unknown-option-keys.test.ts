import { LoggingPluginArgumentError, loggingPlugin } from '@hotpath/plugin-example-logging';
import { expect, it } from 'vitest';

it('loggingPlugin rejects an unknown option with its typed error', () => {
  const make = () => loggingPlugin({ level: 'info' } as never);
  expect(make).toThrow(LoggingPluginArgumentError);
  expect(make).toThrow(
    'loggingPlugin(): options.level is not an option; options accepts fields, sink.',
  );
});
