import type { CliCommand } from '../cli-command.js';
import { cliConfig } from '../cli-config.js';

export const dbCommand: CliCommand = {
  register(program, io) {
    const db = program.command('db').description('Database maintenance');
    db.command('migrate')
      .description('Bring the database schema up to date (the server also does this at start)')
      .action(async () => {
        // Loaded here, not at the top: every other command would pay for the database drivers.
        const { migrateToLatest, openDatabase } = await import('../../db/database.js');
        const config = cliConfig(io);
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const applied = await migrateToLatest(database);
          io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : `up to date (${database.dialect}: ${database.location})\n`);
        } finally {
          await database.close();
        }
      });
  },
};
