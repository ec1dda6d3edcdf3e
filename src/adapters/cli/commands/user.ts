import { InvalidArgumentError } from 'commander';
import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-command.js';
import { readSecret, withApp } from '../with-app.js';
import { isRole, roleLabels, roles, type Role } from '../../../core/users/roles.js';

const cliActor = { id: null, name: 'cli' };

function parseRole(v: string): Role {
  if (!isRole(v)) throw new InvalidArgumentError(`must be one of ${roles.join(', ')}`);
  return v;
}

export const userCommand: CliCommand = {
  register(program, io, setExit) {
    const user = program.command('user').description('Manage users, roles and API tokens');

    user
      .command('add <name>')
      .description('Create a user; the password is read from standard input (or asked for on a terminal)')
      .requiredOption('--role <role>', `one of ${roles.join(', ')}`, parseRole)
      .option('--display-name <text>', 'name shown in the UI, e.g. 小周')
      .option('--team <team>', 'team (班组), e.g. 热线一组')
      .action(async (name: string, o: { role: Role; displayName?: string; team?: string }) => {
        const password = await readSecret(io, `Password for ${name}: `);
        const u = await withApp(io, (ctx) => ctx.users.createUser({ username: name, password, role: o.role, displayName: o.displayName, team: o.team ?? null }, cliActor));
        io.stdout.write(`created ${u.username} (${u.role} ${roleLabels[u.role]})\n`);
      });

    user
      .command('list')
      .description('List users')
      .option('--format <format>', 'table or json', 'table')
      .action(async (o: { format: string }) => {
        const list = await withApp(io, (ctx) => ctx.users.list());
        if (o.format === 'json') {
          io.stdout.write(`${JSON.stringify(list)}\n`);
          return;
        }
        io.stdout.write(`${'USERNAME'.padEnd(20)}${'ROLE'.padEnd(12)}${'TEAM'.padEnd(16)}ACTIVE\n`);
        for (const u of list) io.stdout.write(`${u.username.padEnd(20)}${u.role.padEnd(12)}${(u.team ?? '-').padEnd(16)}${u.active ? 'yes' : 'no'}\n`);
      });

    user
      .command('token <name>')
      .description('Issue an API token (Authorization: Bearer …) for scripts and PBX connectors; printed once')
      .option('--label <label>', 'what the token is for', 'cli')
      .action(async (name: string, o: { label: string }) => {
        const token = await withApp(io, (ctx) => ctx.users.issueApiToken(name, o.label, cliActor));
        io.stdout.write(`${token}\n`);
      });

    user
      .command('passwd <name>')
      .description("Set a user's password (read from standard input); ends their sessions")
      .action(async (name: string) => {
        const password = await readSecret(io, `New password for ${name}: `);
        await withApp(io, (ctx) => ctx.users.setPassword(name, password, cliActor));
        io.stdout.write(`password changed for ${name}\n`);
      });

    user
      .command('role <name> <role>')
      .description("Change a user's role")
      .action(async (name: string, role: string) => {
        if (!isRole(role)) {
          io.stderr.write(`kefu: role must be one of ${roles.join(', ')}\n`);
          setExit(ExitCode.usage);
          return;
        }
        await withApp(io, async (ctx) => {
          const u = (await ctx.users.list()).find((x) => x.username === name);
          if (!u) throw new Error(`no user ${name}`);
          await ctx.users.updateUser(u.id, { role }, cliActor);
        });
        io.stdout.write(`${name} is now ${role}\n`);
      });
  },
};
