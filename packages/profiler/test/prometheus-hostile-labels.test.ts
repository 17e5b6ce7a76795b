import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createMetrics, formatPrometheus, ProfilerArgumentError } from '../src/index.ts';

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
