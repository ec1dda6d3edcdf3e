// `npm run bench:knowledge [-- --articles N --rounds N]`: knowledge search over HTTP (in process,
// `app.inject`) on 20,000 articles, beside the ticket search of the same run over as many tickets.
// Two-character words in both scripts (退款, 規則, 发票, 光貓…) through GET /api/knowledge?q= and
// GET /api/tickets?q=, and the desk's suggestion (POST /api/knowledge/suggest) from a sentence.
// SQLite always; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
// Target (issue #17): knowledge search p95 < 50 ms over 20,000 articles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable } from 'kysely';
import type { KbArticlesTable } from '../src/adapters/db/tables/knowledge.js';
import type { TicketsTable } from '../src/adapters/db/tables/customers-tickets.js';
import { loadConfig } from '../src/config.js';
import { createAppContext } from '../src/app.js';
import { buildServer } from '../src/adapters/http/server.js';
import { openDatabase, type Database, type Dialect } from '../src/adapters/db/database.js';
import { dropSchema } from '../src/adapters/db/test-databases.js';
import { searchTokens } from '../src/core/search/search-text.js';
import { articleSearchTokens } from '../src/adapters/db/repositories/knowledge-repository.js';
import { newId } from '../src/core/shared/ids.js';
import { seededRandom } from '../src/core/shared/random.js';

const ids = seededRandom(0x6b62);

const argOf = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const ARTICLES = argOf('articles', 20_000);
const ROUNDS = argOf('rounds', 40);

let seed = 11;
const rnd = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

// Article texts of a service centre, a third of them in Traditional script.
const topics = [
  ['退款流程', '审核通过后3至5个工作日原路退回'],
  ['退款規則', '退款須在購買後七日內申請，已開發票的須先退回發票'],
  ['发票开具', '电子发票在付款后24小时内发送到邮箱'],
  ['補開發票', '抬頭寫錯可在30天內申請補開'],
  ['宽带报修', '请先重启光猫，仍无法上网则登记报修'],
  ['光貓紅燈', '光貓紅燈閃爍多為線路故障，需上門檢修'],
  ['套餐变更', '次月1日生效，当月按原套餐计费'],
  ['快递延误', '超过承诺时效可申请赔付'],
  ['账单查询', '可通过短信或APP查询近6个月账单'],
  ['積分兌換', '積分可兌換話費與禮品，有效期兩年'],
];
const words = ['退款', '規則', '发票', '發票', '光貓', '报修', '套餐', '账单', '積分', '快递'];
const sentence = '您好，我上个月的账单好像多扣了钱，想申请退款，发票也要重新开';

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function run(dialect: Dialect): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-kb-'));
  const schema = `kefu_bench_${randomBytes(4).toString('hex')}`;
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const database: Database = dialect === 'sqlite' ? await openDatabase({ dataDir }) : await openDatabase({ databaseUrl: url!, pgSchema: schema });
  const config = loadConfig({ KEFU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', KEFU_ADMIN_PASSWORD: 'bench-admin-2026' });
  const ctx = await createAppContext(config, { database });
  const db = ctx.database.db;
  const t0 = performance.now();
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  const batch = 500;
  for (let i = 0; i < ARTICLES; i += batch) {
    const articles: Insertable<KbArticlesTable>[] = [];
    const tickets: Array<Insertable<TicketsTable>> = [];
    for (let j = i; j < Math.min(ARTICLES, i + batch); j++) {
      const [title, answer] = pick(topics);
      const at = start + j * 60_000;
      const a = { title: `${title}（${j}）`, answer: `${answer}。第${j}条`, details: null, category: pick(['账务', '故障', '套餐', '物流']), visibility: 'internal', ownerId: null, reviewDate: null } as const;
      articles.push({ id: newId(ids, at, 'kb_'), ...{ title: a.title, answer: a.answer, details: null, category: a.category, visibility: 'internal', owner_id: null, review_date: null }, version: 1, created_at: at, updated_at: at, updated_by: null, search_tokens: articleSearchTokens(a), search_seq: dialect === 'sqlite' ? j + 1 : null });
      const description = `${title}：${answer}（第${j}号）`;
      tickets.push({
        id: newId(ids, at, 'tk_'), type: 'inquiry', complaint_class: null, complaint_grade: null, problem_type: null, title: null, description, customer_id: null, customer_name: '王先生', contact_phone: null, call_id: null, visit_id: null,
        channel: 'phone', status: 'open', priority: 'normal', assignee_id: null, team: null, escalation_level: 'agent', created_by: null, created_at: at, updated_at: at, call_ended_at: null, summary: null, summary_at: null, resolved_at: null, closed_at: null,
        reopen_count: 0, paused_since: null, search_tokens: searchTokens(description, '王先生'), search_seq: dialect === 'sqlite' ? j + 1 : null,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('kb_articles').values(articles).execute();
      await trx.insertInto('tickets').values(tickets).execute();
      if (dialect === 'sqlite') {
        await trx.insertInto('kb_fts').values(articles.map((r) => ({ rowid: r.search_seq!, tokens: r.search_tokens! }))).execute();
        await trx.insertInto('ticket_fts').values(tickets.map((r) => ({ rowid: r.search_seq!, tokens: r.search_tokens! }))).execute();
      }
    });
  }
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  const seeded = performance.now() - t0;
  const app = await buildServer(ctx, { logger: false });
  await app.ready();
  await ctx.users.createUser({ username: 'bench', password: 'bench-admin-2026', role: 'admin' });
  const auth = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench', password: 'bench-admin-2026' } });
  const cookie = auth.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (auth.json() as { csrfToken: string }).csrfToken;
  const timed = async (req: () => Promise<{ statusCode: number }>): Promise<number[]> => {
    const out: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (let k = 0; k < words.length; k++) {
        const s = performance.now();
        const res = await req();
        out.push(performance.now() - s);
        if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
      }
    }
    return out;
  };
  let i = 0;
  const next = () => words[i++ % words.length]!;
  const kb = await timed(() => app.inject({ url: `/api/knowledge?q=${encodeURIComponent(next())}&limit=20`, headers: { cookie } }));
  const tk = await timed(() => app.inject({ url: `/api/tickets?q=${encodeURIComponent(next())}&limit=20`, headers: { cookie } }));
  const sg = await timed(() => app.inject({ method: 'POST', url: '/api/knowledge/suggest', headers: { cookie, 'x-csrf-token': csrf }, payload: { text: sentence } }));
  const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms (n=${xs.length})`;
  console.log(`[${dialect}] ${ARTICLES} articles + ${ARTICLES} tickets seeded in ${(seeded / 1000).toFixed(1)} s`);
  console.log(`[${dialect}] knowledge search  GET /api/knowledge?q=   ${fmt(kb)}  target p95 < 50 ms: ${percentile(kb, 95) < 50 ? 'met' : 'NOT met'}`);
  console.log(`[${dialect}] ticket search     GET /api/tickets?q=     ${fmt(tk)}`);
  console.log(`[${dialect}] desk suggestion   POST /api/knowledge/suggest ${fmt(sg)}`);
  await app.close();
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'postgres') await dropSchema(schema);
}

await run('sqlite');
if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) await run('postgres');
