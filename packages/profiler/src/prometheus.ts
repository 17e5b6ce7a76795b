import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeValue } from '@hotpath/protocol';
import { ProfilerArgumentError } from './errors.ts';
import { checkMetricName, isLabelName, reservedLabelOf } from './internal/names.ts';
import {
  collectAll,
  type DistributionSample,
  isDistributionFamily,
  type Labels,
  type MetricFamily,
  type MetricSource,
} from './metric-family.ts';

/** The Content-Type of the Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}

function escapeLabel(value: string): string {
  return /[\\"\n]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

function escapeHelp(text: string): string {
  return /[\\\n]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
}

function formatLabels(labels: Labels, extraName?: string, extraValue?: string): string {
  let out = '';
  for (const name in labels) out += `${out ? ',' : ''}${name}="${escapeLabel(labels[name]!)}"`;
  if (extraName !== undefined) out += `${out ? ',' : ''}${extraName}="${extraValue}"`;
  return out ? `{${out}}` : '';
}

function formatDistribution(
  name: string,
  type: 'summary' | 'histogram',
  sample: DistributionSample,
): string {
  let out = '';
  if (type === 'histogram') {
    for (const [le, count] of sample.buckets ?? []) {
      out += `${name}_bucket${formatLabels(sample.labels, 'le', formatNumber(le))} ${count}\n`;
    }
  } else {
    for (const [q, value] of sample.quantiles) {
      out += `${name}${formatLabels(sample.labels, 'quantile', String(q))} ${formatNumber(value)}\n`;
    }
  }
  const labels = formatLabels(sample.labels);
  return `${out}${name}_sum${labels} ${formatNumber(sample.sum)}\n${name}_count${labels} ${sample.count}\n`;
}

/**
 * Checks what a source collected, which may be the caller's own: an invalid metric or label name,
 * or the `le`/`quantile` label on a distribution, would make the whole exposition unparsable.
 */
function checkFamily(family: MetricFamily): void {
  checkMetricName(family.name, 'family.name');
  const reserved = reservedLabelOf(family.type);
  for (const sample of family.samples) {
    for (const label in sample.labels) {
      if (!isLabelName(label) || label === reserved) {
        throw new ProfilerArgumentError(
          `labels of ${family.name}`,
          `label names matching [a-zA-Z_][a-zA-Z0-9_]*, not starting with __${reserved === undefined ? '' : `, other than ${reserved}`}`,
          label,
        );
      }
    }
  }
}

function formatFamily(family: MetricFamily): string {
  checkFamily(family);
  let out = `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
  if (isDistributionFamily(family)) {
    for (const sample of family.samples)
      out += formatDistribution(family.name, family.type, sample);
  } else {
    for (const sample of family.samples) {
      out += `${family.name}${formatLabels(sample.labels)} ${formatNumber(sample.value)}\n`;
    }
  }
  return out;
}

/**
 * Renders metric families in the Prometheus text exposition format 0.0.4:
 * `# HELP` and `# TYPE` lines, escaped label values, summaries as `quantile`
 * series plus `_sum`/`_count`, histograms as cumulative `_bucket{le}` series.
 *
 * @throws {ProfilerArgumentError} when a source's family has an invalid metric or label name, or a
 *   distribution series carries the `le`/`quantile` label its exposition adds
 *
 * @example
 * ```ts
 * const text = formatPrometheus([profiler, metrics]);
 * ```
 */
export function formatPrometheus(sources: MetricSource | readonly MetricSource[]): string {
  let out = '';
  for (const family of collectAll(sources)) out += formatFamily(family);
  return out;
}

/** A `node:http` request listener. */
export type PrometheusHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A `node:http` request handler that serves the sources as a Prometheus scrape
 * target. Answers GET and HEAD; other methods get 405.
 *
 * @example
 * ```ts
 * http.createServer(createPrometheusHandler([profiler, metrics])).listen(9464);
 * ```
 */
export function createPrometheusHandler(
  sources: MetricSource | readonly MetricSource[],
): PrometheusHandler {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('Method Not Allowed\n');
      return;
    }
    let body: string;
    try {
      body = formatPrometheus(sources);
    } catch (error) {
      // String(error) throws for a null-prototype object, which would crash the server.
      const text = error instanceof Error ? String(error) : describeValue(error);
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
      return;
    }
    response.writeHead(200, {
      'content-type': PROMETHEUS_CONTENT_TYPE,
      'content-length': Buffer.byteLength(body),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}
