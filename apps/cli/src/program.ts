import { Command, CommanderError } from 'commander';
import { registerModels } from './commands/models';
import { registerRun } from './commands/run';
import { registerGenerate } from './commands/generate';
import { registerText } from './commands/text';
import { registerEdit } from './commands/edit';
import { registerDirections } from './commands/directions';
import { registerFaces } from './commands/faces';
import { registerOptimize } from './commands/optimize';
import { registerMapper } from './commands/mapper';
import { registerInvert } from './commands/invert';
import { registerStore } from './commands/store';
import { formatStatus } from './status';

/** The `styleclip` command tree (commands throw; `main.ts` turns errors into exit codes). */
export function buildProgram(): Command {
  const program = new Command('styleclip')
    .description('Text-driven StyleGAN2 editing (StyleCLIP) on ONNX Runtime')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('status')
    .description('what the product can do so far')
    .action(() => console.log(formatStatus()));
  registerModels(program);
  registerRun(program);
  registerGenerate(program);
  registerText(program);
  registerEdit(program);
  registerDirections(program);
  registerFaces(program);
  registerOptimize(program);
  registerMapper(program);
  registerInvert(program);
  registerStore(program);
  // Every subcommand reports usage errors the same way instead of exiting the process itself.
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return e.exitCode;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env['STYLECLIP_DEBUG'] && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return 1;
  }
}
