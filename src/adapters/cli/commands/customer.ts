import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-command.js';
import { withApp } from '../with-app.js';

/** Who ran the command, for the audit log: the operator's login on the server's machine. */
const cliActor = (env: NodeJS.ProcessEnv) => ({ id: null, name: `cli:${env.SUDO_USER ?? env.USER ?? env.LOGNAME ?? 'unknown'}` });

export const customerCommand: CliCommand = {
  register(program, io, setExit) {
    const customer = program.command('customer').description('Personal data of one customer (PIPL): export a copy, or erase it everywhere');

    customer
      .command('export')
      .description('Everything held about one customer, unmasked, as JSON: the record, stage history, tickets with history, calls with transcripts, callbacks (audited as customer.exported)')
      .argument('<id>', 'customer id')
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .action(async (id: string, o: { output?: string }) => {
        const { exportCustomer } = await import('../../privacy/customer-erasure.js');
        try {
          await withApp(io, async (ctx) => {
            const data = await exportCustomer(ctx.database.db, id, ctx.clock.now());
            await ctx.audit.record({ actor: cliActor(io.env), action: 'customer.exported', target: { type: 'customer', id }, detail: { tickets: data.tickets.length, calls: data.calls.length, ...(o.output && { file: path.basename(o.output) }) } });
            const text = `${JSON.stringify(data, null, 2)}\n`;
            if (o.output) fs.writeFileSync(path.resolve(io.cwd, o.output), text, { mode: 0o600 });
            else io.stdout.write(text);
          });
        } catch (e) {
          io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
          setExit(ExitCode.badInput);
        }
      });

    customer
      .command('erase')
      .description('Erase one customer: the record, numbers, name and ID numbers everywhere they are held; tickets, calls and callback results stay with the link cut (audited as customer.erased)')
      .argument('<id>', 'customer id')
      .option('--yes', 'confirm: erasing cannot be undone')
      .addHelpText('after', '\nNumbers (every written form), e-mail and ID numbers found in their records are replaced with [已删除] in every text column of every table; the name only in their own records and in system records (audit, events, jobs). Export first if the customer asked for a copy.')
      .action(async (id: string, o: { yes?: boolean }) => {
        if (!o.yes) {
          io.stderr.write('删除客户个人信息不可撤销；确认请加 --yes (erasing cannot be undone: add --yes to confirm)\n');
          setExit(ExitCode.usage);
          return;
        }
        const { eraseCustomer } = await import('../../privacy/customer-erasure.js');
        try {
          await withApp(io, async (ctx) => {
            const summary = await eraseCustomer(ctx.database.db, ctx.database.dialect, id, ctx.clock.now());
            // Counts only: the audit of an erasure must not hold what was erased.
            await ctx.audit.record({ actor: cliActor(io.env), action: 'customer.erased', target: { type: 'customer', id }, detail: { tickets: summary.tickets, calls: summary.calls, callbackTasks: summary.callbackTasks, rewritten: summary.rewritten, deleted: summary.deleted } });
            io.stdout.write(`已删除客户 ${id} 的个人信息 erased customer ${id}: ${summary.tickets} tickets and ${summary.calls} calls kept without the link; rewritten ${JSON.stringify(summary.rewritten)}; deleted ${JSON.stringify(summary.deleted)}\n`);
          });
        } catch (e) {
          io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
          setExit(ExitCode.badInput);
        }
      });
  },
};
