import { channel } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import {
  collectDiagnostics,
  createMetrics,
  createPrometheusHandler,
  formatPrometheus,
  ProfilerArgumentError,
} from '../src/index.ts';

/** Any string, or one of the few characters that need escaping or cannot be encoded at all. */
const labelValue = fc.oneof(
  anyString,
  fc.string({
    unit: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', 'a', '"', '\\', '\n'),
    maxLength: 3,
  }),
);

/** The exposition as a scraper reads it: UTF-8 bytes on the wire, decoded again. */
function scraped(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

describe('Prometheus export of hostile labels', () => {
  it.each(propertySeeds('prometheus hostile labels'))(
    'every distinct series stays distinct once the exposition is encoded as UTF-8 (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(fc.uniqueArray(labelValue, { minLength: 1, maxLength: 6 }), (values) => {
          const metrics = createMetrics();
          const counter = metrics.counter('hostile_total');
          for (const value of values) counter.inc({ value });
          const [family] = parsePrometheusTextFormat(scraped(formatPrometheus(metrics)));
          const seen = family!.metrics.map(
            (m) => (m as { labels: { value: string } }).labels.value,
          );
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen.reduce((sum, _, i) => sum + Number(family!.metrics[i]!.value), 0)).toBe(
            values.length,
          );
        }),
        { seed, numRuns: 200 },
      );
    },
  );

  it('counts two label values that differ only in lone surrogates in one series, as it exports them', () => {
    const metrics = createMetrics();
    const counter = metrics.counter('surrogates_total');
    counter.inc({ value: '\uD800' });
    counter.inc({ value: '\uDC00' });
    expect(formatPrometheus(metrics)).toContain('surrogates_total{value="\uFFFD"} 2\n');
  });

  it('rejects an invalid label name with its typed error once the series limit is reached', () => {
    const metrics = createMetrics({ maxSeries: 1 });
    const counter = metrics.counter('limited_total');
    counter.inc({ model: 'a' });
    expect(() => counter.inc({ 'bad name': 'b' })).toThrow(ProfilerArgumentError);
    expect(() => counter.inc({ __reserved: 'b' })).toThrow(ProfilerArgumentError);
    counter.inc({ model: 'c' });
    expect(formatPrometheus(metrics)).toContain('limited_total{model="__overflow__"} 1\n');
  });

  it.each([
    ['a null-prototype object', Object.create(null)],
    ['a number', 1],
    ['a symbol', Symbol('x')],
  ])('rejects %s as a label value with its typed error, even after a series exists', (_, value) => {
    const metrics = createMetrics();
    const counter = metrics.counter('typed_total');
    counter.inc({ model: '1' });
    expect(() => counter.inc({ model: value } as never)).toThrow(ProfilerArgumentError);
  });
});

describe('Prometheus export of what the exposition reserves or cannot name', () => {
  it.each([
    ['a histogram', { buckets: [1] }, 'le'],
    ['a summary', {}, 'quantile'],
  ])(
    'rejects the label %s adds itself to its series, with the typed error',
    (_, options, label) => {
      const metrics = createMetrics();
      const distribution = metrics.histogram('latency_seconds', options);
      expect(() => distribution.observe(0.5, { [label]: 'x' })).toThrow(ProfilerArgumentError);
      // The other reserved name is an ordinary label there.
      const other = label === 'le' ? 'quantile' : 'le';
      distribution.observe(0.5, { [other]: 'x' });
      expect(() => parsePrometheusTextFormat(formatPrometheus(metrics))).not.toThrow();
    },
  );

  it('keeps le and quantile message fields out of the labels of diagnostics timings', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['test:reserved:labels'] });
    channel('test:reserved:labels').publish({ le: '1', quantile: 'x', model: 'm', durationMs: 5 });
    const text = formatPrometheus(metrics);
    expect(text).not.toMatch(/quantile="x"|le="1"/);
    expect(text).toContain('model="m"');
  });

  it.each([
    ['an invalid metric name', { name: 'bad name', labels: {} }],
    ['an invalid label name', { name: 'ok_total', labels: { 'a-b': 'x' } }],
    ['a reserved label name', { name: 'ok_total', labels: { __name__: 'x' } }],
  ])(
    'rejects a custom source family with %s instead of writing an unparsable exposition',
    (_, family) => {
      const source = {
        collect: () => [
          {
            name: family.name,
            help: 'h',
            type: 'counter' as const,
            samples: [{ labels: family.labels, value: 1 }],
          },
        ],
      };
      expect(() => formatPrometheus(source)).toThrow(ProfilerArgumentError);
    },
  );

  it('answers a scrape whose source throws a null-prototype object with a 500, not a crash', async () => {
    const server = createServer(
      createPrometheusHandler({
        collect() {
          throw Object.create(null);
        },
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(500);
      expect(await response.text()).toContain('null prototype');
    } finally {
      server.close();
    }
  });
});
