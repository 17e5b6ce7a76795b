/** Milliseconds for people: `0.42 ms`, `8.3 ms`, `812 ms`, `8.12 s`; `—` when not a number. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms === 0) return '0 ms';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** How many times faster `after` is than `before`: `5.1×`, `2,600×`; empty when not measurable. */
export function formatFactor(before: number, after: number): string {
  if (!(before > 0) || !(after > 0) || !Number.isFinite(before / after)) return '';
  const factor = before / after;
  if (factor >= 100) return `${Math.round(factor).toLocaleString('en-US')}×`;
  return `${factor.toFixed(1)}×`;
}

/** Bytes as MB with one decimal. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** US dollars, with enough decimals to show a fraction of a cent. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}

/** A share (0–1) as a percentage. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
