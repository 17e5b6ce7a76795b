import { describe, expect, it } from 'vitest';
import { ratioChartSvg } from '../src/index.ts';

describe('ratioChartSvg', () => {
  const rows = [
    { label: 'cache: get <1 kB> & set', ratio: 1.2, low: 1.1, high: 1.3, bad: false, marker: 1 },
    { label: `${'x'.repeat(60)} › hotpath`, ratio: 0.5, low: 0.4, high: 0.6, bad: true },
  ];
  const svg = ratioChartSvg('Ratios', rows, [{ value: 1, label: '1×' }]);

  it('draws one point, one interval and one value per row, and each reference line', () => {
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('>1.200× [1.100, 1.300]</text>');
    expect(svg).toContain('fill="#d62728">0.500× [0.400, 0.600]</text>');
    expect(svg).toContain('>1×</text>');
  });

  it('escapes XML and shortens long labels in the middle, keeping the full one as a tooltip', () => {
    expect(svg).toContain('cache: get &lt;1 kB&gt; &amp; set');
    expect(svg).toContain(`<title>${'x'.repeat(60)} › hotpath</title>${'x'.repeat(22)}…`);
    expect(svg).toMatch(/…x+ › hotpath<\/text>/);
  });

  it('places larger ratios further right on the log scale', () => {
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(cx[0]).toBeGreaterThan(cx[1]!);
  });
});
