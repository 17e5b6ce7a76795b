/** Formats a byte count with a sign, for example `+1.02 KiB`, `−512 B`. */
export function formatBytes(bytes: number, signed = false): string {
  const sign = bytes < 0 ? '-' : signed ? '+' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size.toFixed(0)} B`;
  if (size < 1024 * 1024) return `${sign}${(size / 1024).toFixed(2)} KiB`;
  return `${sign}${(size / 1024 / 1024).toFixed(2)} MiB`;
}
