import type { Command } from 'commander';
import { ExitCode, UsageError, type CliCommand } from '../cli-command.js';
import type { PackLoader } from '../../standard-files.js';
import { packInForceLoader, packSourceInForce } from '../pack-in-force.js';
import type { CliIo } from '../cli-command.js';
import { parsePackText } from '../../../core/standard/validate.js';
import { linesOfErrors } from '../../../core/standard/pack-error-lines.js';

/** `loaderFor` is swappable for tests; by default `show` prints the version in force in the database, if there is one. */
export function standardCommand(loaderFor: (io: CliIo) => PackLoader = packInForceLoader): CliCommand {
  return {
    register(program: Command, io, setExit) {
      const loadPack = loaderFor(io);
      const standard = program.command('standard').description('The standard pack: the phrases, limits and weights quality inspection checks against.');
      standard
        .command('check')
        .description('Validate a standard pack file (YAML or JSON); errors name the path and the problem.')
        .argument('<pack>', 'pack file')
        .action(async (file: string) => {
          const { readFile } = await import('node:fs/promises');
          let text: string;
          try {
            text = await readFile(file, 'utf8');
          } catch (e) {
            io.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
            setExit(ExitCode.badInput);
            return;
          }
          const result = parsePackText(text);
          if (result.ok) {
            io.stdout.write(`ok: ${result.pack.id}@${result.pack.version} — ${result.pack.rules.length} rules, ${Object.keys(result.pack.phraseSets).length} phrase sets\n`);
            return;
          }
          // file:line: place: message — the form editors and terminals jump to.
          for (const e of linesOfErrors(text, result.errors)) io.stderr.write(`${file}:${e.line}: ${e.place}: ${e.message}\n`);
          setExit(ExitCode.badInput);
        });
      standard
        .command('show')
        .description('Print the standard pack in force: --standard file, else the active version in the database, else the built-in default.')
        .option('--standard <pack>', 'show this pack file instead')
        .option('--format <format>', 'yaml or json', 'yaml')
        .action(async (opts: { standard?: string; format: string }) => {
          if (opts.format !== 'yaml' && opts.format !== 'json') throw new UsageError('--format must be yaml or json');
          if (opts.format === 'json') {
            io.stdout.write(JSON.stringify(await loadPack(opts.standard), null, 2) + '\n');
            return;
          }
          // YAML: the source as written, comments included.
          const source = await packSourceInForce(io, opts.standard);
          io.stdout.write(source.endsWith('\n') ? source : `${source}\n`);
        });
    },
  };
}
