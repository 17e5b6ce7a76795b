import type { ScenarioResult } from './harness.ts';

const format = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });

/** Renders one scenario's results as a plain-text table for the terminal. */
export function formatScenario(result: ScenarioResult): string {
  const width = Math.max(...result.tasks.map((task) => task.name.length));
  const lines = [`\n${result.name}`];
  for (const task of result.tasks) {
    lines.push(
      `  ${task.name.padEnd(width)}  ${format.format(task.itemsPerSec).padStart(8)} items/s`,
    );
  }
  for (const { task, peer, ratio, min, met } of result.ratios) {
    const target = min === undefined ? '' : `  (target ≥ ${min}×: ${met ? 'met' : 'NOT met'})`;
    lines.push(`  ${task} / ${peer}: ${ratio.toFixed(2)}×${target}`);
  }
  return lines.join('\n');
}
