import type { Command } from '../command.ts';
import { benchCommand } from './bench.ts';
import { demoCommand } from './demo.ts';
import { serveCommand } from './serve.ts';
import { simCommand } from './sim.ts';

/**
 * Every `hotpath` command, in the order `hotpath --help` lists them. A new command is one
 * file exporting a {@link Command} and one line here.
 */
export const COMMANDS: readonly Command[] = Object.freeze([
  demoCommand,
  serveCommand,
  simCommand,
  benchCommand,
]);
