import { InvalidArgumentError } from 'commander';
import { createInterface } from 'node:readline';
import type { AppContext } from '../../../app.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { ExitCode, UsageError } from '../cli-command.js';
import { AppError } from '../../../core/shared/app-error.js';
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
      .description(
        "Set a user's password (read from standard input); ends their sessions and asks whether to revoke their API tokens " +
          '(without a terminal and without --revoke-tokens/--keep-tokens: revokes them)',
      )
      .option('--revoke-tokens', "also revoke the user's API tokens")
      .option('--keep-tokens', "keep the user's API tokens working")
      .action(async (name: string, o: { revokeTokens?: boolean; keepTokens?: boolean }) => {
        if (o.revokeTokens && o.keepTokens) throw new UsageError('give --revoke-tokens or --keep-tokens, not both');
        const password = await readSecret(io, `New password for ${name}: `);
        const revokeTokens = o.revokeTokens ? true : o.keepTokens ? false : await askRevoke(io, name);
        const { revokedTokens } = await withApp(io, (ctx) => ctx.users.setPassword(name, { password, revokeTokens }, { kind: 'cli', name: cliActor.name }));
        io.stdout.write(`password changed for ${name}; ${revokeTokens ? `${revokedTokens} API token(s) revoked` : 'API tokens kept'}\n`);
      });

    user
      .command('tokens <name>')
      .description("List a user's API tokens: id, name, created, last used, revoked (never the secret)")
      .option('--format <format>', 'table or json', 'table')
      .action(async (name: string, o: { format: string }) => {
        if (o.format !== 'table' && o.format !== 'json') throw new UsageError('--format must be table or json');
        const items = await withApp(io, async (ctx) => ctx.users.listApiTokens(await userIdOf(ctx, name), { kind: 'cli', name: cliActor.name }));
        if (o.format === 'json') {
          io.stdout.write(`${JSON.stringify(items)}\n`);
          return;
        }
        const when = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));
        io.stdout.write(`${'ID'.padEnd(34)}${'NAME'.padEnd(24)}${'CREATED'.padEnd(18)}${'LAST USED'.padEnd(18)}REVOKED\n`);
        for (const t of items) io.stdout.write(`${t.id.padEnd(34)}${t.name.padEnd(24)}${when(t.createdAt).padEnd(18)}${when(t.lastUsedAt).padEnd(18)}${when(t.revokedAt)}\n`);
      });

    user
      .command('revoke-token <name> <token-id>')
      .description('Revoke one API token of a user at once (ids from `kefu user tokens <name>`)')
      .action(async (name: string, tokenId: string) => {
        await withApp(io, async (ctx) => ctx.users.revokeApiToken(await userIdOf(ctx, name), tokenId, { kind: 'cli', name: cliActor.name }));
        io.stdout.write(`revoked token ${tokenId} of ${name}\n`);
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

async function userIdOf(ctx: AppContext, name: string): Promise<string> {
  const u = (await ctx.users.list()).find((x) => x.username === name);
  if (!u) throw AppError.notFound(`User ${name}`);
  return u.id;
}

/**
 * Whether to revoke the user's API tokens with the new password. On a terminal: asked, yes by
 * default. Without one (scripts, CI) nobody can answer, so the safer choice is taken and said: a
 * password is usually changed because it leaked, and a token may have leaked with it.
 */
async function askRevoke(io: CliIo, name: string): Promise<boolean> {
  if (!io.stdin.isTTY) {
    io.stderr.write(`kefu: revoking ${name}'s API tokens too (no terminal to ask; pass --keep-tokens to keep them)\n`);
    return true;
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`Also revoke ${name}'s API tokens? [Y/n] `, resolve));
    return !/^n/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
