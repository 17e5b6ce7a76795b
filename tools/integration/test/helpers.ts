import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDistributionFamily, type MetricFamily } from '@hotpath/profiler';
import type { StreamDelta } from '@hotpath/protocol';

/** Reads every delta of a stream. */
export async function drain(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

/** The text of a list of deltas. */
export function textOf(deltas: readonly StreamDelta[]): string {
  return deltas.map((delta) => (delta.type === 'text' ? delta.text : '')).join('');
}

/** The summed value of a counter's samples that carry `labels`. */
export function counterValue(
  families: readonly MetricFamily[],
  name: string,
  labels: Readonly<Record<string, string>>,
): number {
  const family = families.find((f) => f.name === name);
  if (family === undefined || isDistributionFamily(family)) return 0;
  return family.samples
    .filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

/** A fresh temporary directory, and a function that removes it. */
export function tempDir(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
