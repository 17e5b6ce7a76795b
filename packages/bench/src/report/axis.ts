/** A tick of a chart axis: where it is and what it says. */
export interface Tick {
  readonly value: number;
  readonly label: string;
}

const STEPS = [1, 2, 2.5, 5];

/** Evenly spaced round values covering [low, high], at most `most` of them. */
function linearTicks(low: number, high: number, most: number): number[] {
  const span = high - low;
  for (let exponent = Math.floor(Math.log10(span / most)) - 1; ; exponent++) {
    for (const step of STEPS.map((s) => s * 10 ** exponent)) {
      const first = Math.ceil(low / step);
      const last = Math.floor(high / step);
      if (last - first + 1 <= most) {
        return Array.from({ length: last - first + 1 }, (_, i) =>
          Number(((first + i) * step).toPrecision(12)),
        );
      }
    }
  }
}

/** 1, 2 and 5 times powers of ten covering [low, high] (thinned to powers of ten when too many). */
function logTicks(low: number, high: number, most: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(low)); e <= Math.ceil(Math.log10(high)); e++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** e).toPrecision(12));
      if (value >= low && value <= high) ticks.push(value);
    }
  }
  if (ticks.length <= most) return ticks;
  const powers = ticks.filter((value) => Number.isInteger(Math.log10(value)));
  return powers.length >= 2
    ? powers
    : ticks.filter((_, i) => i % Math.ceil(ticks.length / most) === 0);
}

/**
 * Round tick values for a positive axis drawn on a log scale over [low, high]: evenly
 * spaced round numbers when the range is narrow (less than 2.5×), 1-2-5 steps otherwise.
 */
export function niceTicks(low: number, high: number, most = 7): number[] {
  if (!(low > 0 && high >= low)) return [];
  if (high === low) return [low];
  const log = high / low < 2.5 ? [] : logTicks(low, high, most);
  return log.length >= 2 ? log : linearTicks(low, high, most);
}

/** A ratio tick's label: a change (`+10%`, `−5%`, `0%`) in a narrow range, a factor (`2×`) in a wide one. */
export function ratioTickLabel(value: number, wide: boolean): string {
  if (wide) return `${Number(value.toPrecision(3))}×`;
  const percent = Number(((value - 1) * 100).toPrecision(6));
  return percent === 0 ? '0%' : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}
