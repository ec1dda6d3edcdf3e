import path from 'node:path';
import type { CliCommand, CliIo } from '../cli-command.js';
import { ExitCode } from '../cli-command.js';
import { cliConfig } from '../cli-config.js';

/** Progress on stderr: one redrawn line on a terminal, a line per tenth otherwise (logs stay short). */
function progressReporter(io: CliIo): { update(message: string, done?: number, total?: number): void; done(): void } {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(message, done, total) {
      const pct = done !== undefined && total ? Math.floor((done / total) * 100) : undefined;
      if (io.stderr.isTTY) {
        io.stderr.write(`\r${message}${pct !== undefined ? ` ${pct}% (${done}/${total})` : ''}   `);
        drawn = true;
        return;
      }
      const tenth = pct === undefined ? 0 : Math.floor(pct / 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.stderr.write(`${message}${pct !== undefined ? ` ${pct}%` : ''}\n`);
    },
    done() {
      if (drawn) io.stderr.write('\n');
    },
  };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

export const backupCommand: CliCommand = {
  register(program, io, setExit) {
    program
      .command('backup')
      .description('Back up the database to a file while the server runs (SQLite: online backup API; PostgreSQL: pg_dump of one snapshot); writes <file>.json with every table\'s row count')
      .argument('<file>', 'where to write the backup (SQLite file, or pg_dump custom format on PostgreSQL)')
      .addHelpText('after', '\nThe backup is one consistent instant even while the server writes. Restore with `kefu restore <file>` (server stopped).\nPostgreSQL needs pg_dump/pg_restore of the server\'s major version on PATH.')
      .action(async (file: string) => {
        const config = cliConfig(io);
        const target = path.resolve(io.cwd, file);
        const bar = progressReporter(io);
        const { backupPostgres, backupSqlite, manifestPathOf } = await import('../../ops/backup.js');
        try {
          const manifest = config.databaseUrl
            ? await backupPostgres(config.databaseUrl, target, bar.update)
            : await backupSqlite(path.join(config.dataDir, 'kefu.sqlite'), target, bar.update);
          bar.done();
          io.stdout.write(`备份完成 backup written: ${target} (${manifest.dialect}, ${Object.keys(manifest.counts).length} tables, ${sum(manifest.counts)} rows; counts in ${manifestPathOf(target)})\n`);
        } catch (e) {
          bar.done();
          io.stderr.write(`备份失败 backup failed: ${e instanceof Error ? e.message : String(e)}\n`);
          setExit(ExitCode.badInput);
        }
      });

    program
      .command('restore')
      .description('Replace the database with a backup made by `kefu backup`, then check every table\'s row count against the backup\'s (stop the server first)')
      .argument('<file>', 'the backup file')
      .option('--force', 'replace a database that already holds data (SQLite: the old file is kept as kefu.sqlite.before-restore-<time>)')
      .addHelpText('after', '\nExit code 0 when every table has the row count it had at the backup\'s instant, 1 otherwise (the differing tables are named).')
      .action(async (file: string, o: { force?: boolean }) => {
        const config = cliConfig(io);
        const source = path.resolve(io.cwd, file);
        const bar = progressReporter(io);
        const { countDifferences, postgresHasKefu, restorePostgres, restoreSqlite } = await import('../../ops/backup.js');
        try {
          let counts: Record<string, number>;
          let expected: Record<string, number> | undefined;
          if (config.databaseUrl) {
            if (!o.force && (await postgresHasKefu(config.databaseUrl))) {
              io.stderr.write('目标数据库已有 Kefu 数据；确认覆盖请加 --force (the target database already holds Kefu data: add --force to replace it)\n');
              setExit(ExitCode.badInput);
              return;
            }
            ({ counts, expected } = await restorePostgres(config.databaseUrl, source, bar.update));
          } else {
            const { otherServerPid } = await import('../../db/sqlite-server-lock.js');
            const running = otherServerPid(config.dataDir);
            if (running !== undefined) {
              io.stderr.write(`Kefu 服务进程（pid ${running}）正在运行，请先停止 (a Kefu server, pid ${running}, is running on this data directory: stop it first)\n`);
              setExit(ExitCode.badInput);
              return;
            }
            const target = path.join(config.dataDir, 'kefu.sqlite');
            const fs = await import('node:fs');
            if (!o.force && fs.existsSync(target)) {
              io.stderr.write(`${target} 已存在；确认覆盖请加 --force（原文件会保留） (the database exists: add --force to replace it; the old file is kept)\n`);
              setExit(ExitCode.badInput);
              return;
            }
            const r = await restoreSqlite(source, target, bar.update);
            ({ counts, expected } = r);
            if (r.previous) io.stderr.write(`原数据库保留为 previous database kept as ${r.previous}\n`);
          }
          bar.done();
          if (!expected) {
            io.stdout.write(`恢复完成 restored (${sum(counts)} rows); no ${source}.json beside the backup, so the counts were not checked\n`);
            return;
          }
          const diff = countDifferences(expected, counts);
          if (diff.length > 0) {
            io.stderr.write(`恢复校验失败 restore check failed:\n${diff.map((d) => `  ${d}`).join('\n')}\n`);
            setExit(ExitCode.badInput);
            return;
          }
          io.stdout.write(`恢复完成，校验通过 restored and checked: ${Object.keys(counts).length} tables, ${sum(counts)} rows, every count as at the backup\n`);
        } catch (e) {
          bar.done();
          io.stderr.write(`恢复失败 restore failed: ${e instanceof Error ? e.message : String(e)}\n`);
          setExit(ExitCode.badInput);
        }
      });
  },
};
