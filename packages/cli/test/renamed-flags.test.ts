import { runCli } from '@hotpath/cli';
import { expect, it } from 'vitest';

function capture() {
  let text = '';
  return {
    stream: {
      write(chunk: string) {
        text += chunk;
        return true;
      },
    },
    text: () => text,
  };
}

it('rejects the old --ttft flag of sim and demo with a usage error naming --ttft-ms', async () => {
  for (const command of ['sim', 'demo']) {
    const out = capture();
    const err = capture();
    const code = await runCli([command, '--ttft', '300'], {
      stdout: out.stream,
      stderr: err.stream,
    });
    expect(code).toBe(2);
    expect(err.text()).toContain(
      "Unknown option '--ttft'; durations are in milliseconds and end in -ms: use --ttft-ms",
    );
  }
});

it('runDemo rejects an unknown option before it picks any file', async () => {
  const { CliArgumentError, runDemo } = await import('@hotpath/cli');
  await expect(runDemo({ file: 3 } as never)).rejects.toBeInstanceOf(CliArgumentError);
  await expect(runDemo({ file: 3 } as never)).rejects.toThrow(
    /^options.file is not an option; options accepts callers, concurrency, /,
  );
});
