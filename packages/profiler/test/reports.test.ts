import { describe, expect, it } from 'vitest';
import {
  createProfiler,
  formatTable,
  Histogram,
  renderHtmlReport,
  renderLatencyChart,
} from '../src/index.ts';

function profiled() {
  const profiler = createProfiler();
  for (let i = 1; i <= 1000; i++) profiler.record('llm <complete>', i);
  for (let i = 1; i <= 100; i++) profiler.record('cache', i / 100);
  profiler.histogram('never');
  return profiler;
}

describe('reports', () => {
  it('formats a terminal table with one aligned row per label', () => {
    const table = formatTable(profiled().snapshot(), { unit: 'ms' });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^label\s+count\s+mean\s+min\s+p50\s+p90\s+p95\s+p99\s+p99\.9\s+max {2}\(ms\)$/,
    );
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^llm <complete>\s+1000\s+501\s+1\s/);
    expect(lines[2]).toMatch(/\s1000$/);
    expect(new Set(lines.slice(2).map((l) => l.length)).size).toBe(1);
  });

  it('renders a self-contained SVG with one escaped curve per non-empty label', () => {
    const svg = renderLatencyChart(profiled(), { title: 'LLM & cache' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('llm &#60;complete&#62;');
    expect(svg).toContain('LLM &#38; cache');
    expect(svg).not.toMatch(/<script|href=|NaN/);
    for (const match of svg.matchAll(/points="([^"]+)"/g)) {
      expect(match[1]!.split(' ')).toHaveLength(61);
    }
  });

  it('renders from a map of histograms and wraps chart and table in an HTML page', () => {
    const histogram = new Histogram();
    histogram.record(5);
    const html = renderHtmlReport(new Map([['only', histogram]]));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).toMatch(/only\s+1\s+5/);
  });
});
