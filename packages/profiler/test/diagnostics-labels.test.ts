import { channel } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { collectDiagnostics, createMetrics } from '../src/index.ts';

// Values built to collide in a naive signature: separators, digits and colons, NUL, lone surrogates.
const TRICKY = [
  '',
  'a',
  'a\u0000b',
  'a\u00001:b',
  '1:a',
  'b\u0000',
  '\u0001',
  '\ud800',
  '\ufffd',
  'true',
];

function samples(metrics: ReturnType<typeof createMetrics>, name: string) {
  return metrics.collect().find((f) => f.name === name)?.samples ?? [];
}

describe('collectDiagnostics labels', () => {
  it('two messages whose label values differ as exported never share a series, whatever the values contain', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:labels:pair'] });
    const events = channel('test:labels:pair');
    for (const a of TRICKY) for (const b of TRICKY) events.publish({ first: a, second: b });
    const series = samples(metrics, 'test_labels_pair_total');
    // Exports write label values well-formed (the text exposition is UTF-8): a lone surrogate is
    // U+FFFD there, so it counts in U+FFFD's series rather than rendering as a duplicate of it.
    const exported = new Set(TRICKY.map((value) => value.toWellFormed()));
    expect(series).toHaveLength(exported.size ** 2);
    const counts = series.map((sample) => ('value' in sample ? sample.value : 0));
    expect(counts.reduce((sum, value) => sum + value, 0)).toBe(TRICKY.length ** 2);
    const seen = new Set(series.map(({ labels }) => JSON.stringify([labels.first, labels.second])));
    expect(seen.size).toBe(exported.size ** 2);
  });

  it('a message repeating the last label values counts in their series; one more, one less or one changed field counts in its own', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:labels:repeat'] });
    const events = channel('test:labels:repeat');
    const sequence = [
      { a: 'x', b: 'y' },
      { a: 'x', b: 'y' },
      { a: 'x', b: 'y', c: 'z' },
      { a: 'x' },
      { a: 'x', b: 'y' },
      { a: 'x', b: true },
      { a: 'x', b: 'true' },
      { b: 'y', a: 'x' },
      { a: 'x', b: 'y', durationMs: 3 },
    ];
    for (const message of sequence) events.publish(message);
    const series = samples(metrics, 'test_labels_repeat_total').map(({ labels, ...rest }) => [
      JSON.stringify(Object.entries(labels).sort()),
      'value' in rest ? rest.value : undefined,
    ]);
    expect(Object.fromEntries(series)).toEqual({
      [JSON.stringify([
        ['a', 'x'],
        ['b', 'y'],
      ])]: 5,
      [JSON.stringify([
        ['a', 'x'],
        ['b', 'y'],
        ['c', 'z'],
      ])]: 1,
      [JSON.stringify([['a', 'x']])]: 1,
      [JSON.stringify([
        ['a', 'x'],
        ['b', 'true'],
      ])]: 2,
    });
    expect(samples(metrics, 'test_labels_repeat_duration_seconds')[0]).toMatchObject({
      labels: { a: 'x', b: 'y' },
      count: 1,
    });
  });

  it('a value that spells out a second field never stands for that field', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:labels:spelled'] });
    const events = channel('test:labels:spelled');
    events.publish({ first: 'a\u0001second\u0000b' });
    events.publish({ first: 'a', second: 'b' });
    events.publish({ first: 'a\u00001:a', second: 'b' });
    expect(samples(metrics, 'test_labels_spelled_total')).toEqual([
      { labels: { first: 'a\u0001second\u0000b' }, value: 1 },
      { labels: { first: 'a', second: 'b' }, value: 1 },
      { labels: { first: 'a\u00001:a', second: 'b' }, value: 1 },
    ]);
  });

  it('counts a message again in its series after the metrics were reset', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:labels:reset'] });
    const events = channel('test:labels:reset');
    events.publish({ model: 'm', durationMs: 5 });
    metrics.reset();
    events.publish({ model: 'm', durationMs: 7 });
    expect(samples(metrics, 'test_labels_reset_total')).toEqual([
      { labels: { model: 'm' }, value: 1 },
    ]);
    expect(samples(metrics, 'test_labels_reset_duration_seconds')[0]).toMatchObject({
      labels: { model: 'm' },
      count: 1,
      sum: 0.007,
    });
  });

  it('a nested field the message also names itself counts once, from the message', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:labels:nested'] });
    channel('test:labels:nested').publish({
      provider: 'top',
      metrics: { provider: 'inner', tier: 'x' },
    });
    expect(samples(metrics, 'test_labels_nested_total')).toEqual([
      { labels: { provider: 'top', tier: 'x' }, value: 1 },
    ]);
  });
});
