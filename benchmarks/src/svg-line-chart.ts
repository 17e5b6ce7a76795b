// A dependency-free SVG line chart: log2 x axis, linear y axis, one polyline per series,
// and a dashed reference line. Used by tokens-crossover.ts.

/** One line of the chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [x: number, y: number])[];
}

/** What to draw. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** y value of the dashed reference line. */
  readonly reference: number;
  readonly formatX: (x: number) => string;
}

const W = 720;
const H = 420;
const M = { left: 64, right: 170, top: 40, bottom: 56 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders `spec` as a standalone SVG document. */
export function lineChart(spec: ChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map(([x]) => Math.log2(x)));
  const ys = spec.series.flatMap((s) => s.points.map(([, y]) => y)).concat(spec.reference, 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const y1 = Math.ceil(Math.max(...ys) * 4) / 4;
  const px = (x: number): number =>
    M.left + ((Math.log2(x) - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - (y / y1) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(spec.title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const y = (y1 * i) / 4;
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/>`,
    );
    out.push(`<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(2)}</text>`);
  }
  for (const x of new Set(spec.series.flatMap((s) => s.points.map(([px]) => px)))) {
    out.push(
      `<text x="${px(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeXml(spec.formatX(x))}</text>`,
    );
  }
  const ref = py(spec.reference);
  out.push(
    `<line x1="${M.left}" x2="${W - M.right}" y1="${ref}" y2="${ref}" stroke="#888" stroke-dasharray="6 4"/>`,
  );
  spec.series.forEach((series, i) => {
    const points = series.points
      .map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join(' ');
    out.push(
      `<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${points}"/>`,
    );
    for (const [x, y] of series.points) {
      out.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${series.color}"/>`,
      );
    }
    const ly = M.top + 10 + i * 20;
    out.push(
      `<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"/>`,
    );
    out.push(`<text x="${W - M.right + 38}" y="${ly + 4}">${escapeXml(series.name)}</text>`);
  });
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
