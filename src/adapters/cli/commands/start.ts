import type { CliCommand } from '../cli-command.js';
import { ExitCode } from '../cli-command.js';
import { cliConfig } from '../cli-config.js';

export const startCommand: CliCommand = {
  register(program, io, setExit) {
    program
      .command('start')
      .description('Start the server: API, web UI and background jobs (what `npm start` runs)')
      .option('--demo', 'use ./data-demo and fill it with demo data on first start')
      .option('--port <port>', 'override PORT')
      .option('--no-build', 'do not build the web UI even if it is missing or stale')
      .action(async (o: { demo?: boolean; port?: string; build: boolean }) => {
        // The server is loaded only when it starts: the other commands would pay for all of it.
        const [{ createAppContext, ensureFirstAdmin }, { buildServer }, { ensureWebBuild }, { startModules }, { DEMO_PASSWORD, seedDemoData }] = await Promise.all([
          import('../../../app.js'),
          import('../../http/server.js'),
          import('../../web/ensure-web-build.js'),
          import('../../jobs/modules.js'),
          import('../../demo/seed-demo.js'),
        ]);
        const env = { ...io.env };
        if (o.demo && !io.env.KEFU_DATA_DIR) env.KEFU_DATA_DIR = './data-demo';
        // Demo users all share one published password, the demo admin included.
        if (o.demo && !io.env.KEFU_ADMIN_PASSWORD) env.KEFU_ADMIN_PASSWORD = DEMO_PASSWORD;
        if (o.port) env.PORT = o.port;
        const config = cliConfig({ ...io, env });
        const say = (m: string) => io.stderr.write(`${m}\n`);
        let releaseLock = (): void => undefined;
        if (!config.databaseUrl) {
          // SQLite is one server process; PostgreSQL takes several (issue #20).
          const { otherServerPid, takeServerLock } = await import('../../db/sqlite-server-lock.js');
          const other = otherServerPid(config.dataDir);
          if (other !== undefined) {
            say(`Kefu 未启动：另一个 Kefu 服务进程（pid ${other}）正在使用 ${config.dataDir} 中的 SQLite 数据库。SQLite 模式只能运行一个服务进程；多进程请使用 PostgreSQL（DATABASE_URL，见 docs/deploy.md）。`);
            say(`Kefu not started: another Kefu server (pid ${other}) has the SQLite database in ${config.dataDir} open. SQLite mode runs one server process; for several, use PostgreSQL (DATABASE_URL, see docs/deploy.md).`);
            setExit(ExitCode.badInput);
            return;
          }
          releaseLock = takeServerLock(config.dataDir);
        }
        if (o.build) await ensureWebBuild(say);
        if (o.demo) await seedDemoData(config, say);
        const ctx = await createAppContext(config, { listen: true });
        const admin = await ensureFirstAdmin(ctx);
        if (admin?.generatedPassword) {
          say(`\n  已创建管理员账号 admin，初始密码（只显示这一次）：${admin.generatedPassword}\n  First start: created user "admin" with password ${admin.generatedPassword} (shown once)\n`);
        } else if (admin) {
          // The password came from the environment: never echo it, but do say the account exists now.
          say(`\n  已创建管理员账号 admin，密码为 KEFU_ADMIN_PASSWORD 的值\n  First start: created user "admin" with the password from KEFU_ADMIN_PASSWORD\n`);
        }
        const app = await buildServer(ctx);
        await startModules(ctx);
        ctx.jobs.start();
        let closing = false;
        const shutdown = async (signal: string) => {
          if (closing) return;
          closing = true;
          app.log.info({ signal }, 'shutting down');
          // app.close() waits for in-flight requests; then jobs finish and the database closes.
          await app.close();
          await ctx.close();
          releaseLock();
          setExit(ExitCode.ok);
          resolveDone();
        };
        let resolveDone: () => void = () => undefined;
        const done = new Promise<void>((r) => (resolveDone = r));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
        process.once('SIGINT', () => void shutdown('SIGINT'));
        await app.listen({ port: config.port, host: config.host });
        say(`Kefu 已启动: http://${config.host}:${config.port}/  (API 文档 /api/docs, 数据库 ${ctx.database.dialect}: ${ctx.database.location})`);
        await done;
      });
  },
};
