/**
 * bench:callbacks — (1) plan 100,000 callback tasks over 50 agents and a month of due windows,
 * beside a baseline in the same run that hands the same tasks out round-robin ignoring every window;
 * (2) `check` (may this number be called now? CB-WINDOW) answers per second on random instants.
 * Targets (issue 14): the plan in under 1 s; check ≥ 1,000,000 answers/s.
 */
import { officialYears } from '../src/core/calendar/data/official-holidays.js';
import { createCallbackRules } from '../src/core/callbacks/callback-rules.js';
import type { CallbackTarget } from '../src/core/callbacks/model.js';
import { planCampaign } from '../src/core/callbacks/plan-campaign.js';
import { defaultCallbackSettings } from '../src/core/standard/callback-schema.js';
import { seededRandom } from './seeded-random.js';

const TASKS = 100_000;
const AGENTS = 50;
const ROUNDS = 5;
const QUERIES = 2_000_000;

const random = seededRandom();

// 12 calls per agent per hour (5-minute slots): a month of home and work windows holds the 100,000.
const settings = { ...defaultCallbackSettings, planner: { callsPerAgentPerHour: 12 } };
const rules = createCallbackRules(settings, officialYears, 'Asia/Shanghai');
const agents = Array.from({ length: AGENTS }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);

// Problems solved over November 2026 (CB-AFTER windows of 1–3 working days each), a tenth with the
// customer's own do-not-call hours, a twentieth in another zone; 60 % home numbers.
const monthStart = Date.parse('2026-11-01T00:00:00+08:00');
const monthMs = 27 * 86_400_000;
const targets: CallbackTarget[] = [];
for (let i = 0; i < TASKS; i++) {
  const r = random();
  targets.push({
    customerId: `C${String(i).padStart(6, '0')}`,
    customerName: `客户${i}`,
    number: `138${String(i).padStart(8, '0')}`,
    numberKind: random() < 0.6 ? 'home' : 'work',
    ticketId: `T${i}`,
    solvedAt: monthStart + Math.floor(random() * monthMs),
    timeZone: r < 0.05 ? 'Asia/Urumqi' : null,
    doNotCall: r > 0.9 ? [{ start: '19:00', end: '09:30' }] : null,
    reason: '投诉已解决',
  });
}
const campaign = { id: 'bench', period: { from: '2026-11-01', to: '2026-11-30' } };

/** Baseline: the same tasks round-robin over the agents in back-to-back slots, no windows at all. */
function roundRobin(): { planned: number } {
  const slotMs = 3_600_000 / settings.planner.callsPerAgentPerHour;
  const tasks = [];
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const due = rules.dueWindow(target.solvedAt!);
    tasks.push({ key: `bench/${target.customerId}/${target.ticketId}`, target, due, agent: agents[i % AGENTS]!, plannedAt: due.startsAt + Math.floor(i / AGENTS) * slotMs });
  }
  return { planned: tasks.length };
}

// Wall time is what the target is about; CPU time (user + system of this process) is printed beside
// it because on a shared, loaded box the wall time also counts the time spent waiting for a core.
function time<T>(label: string, fn: () => T): { best: number; result: T } {
  let best = Infinity;
  let bestCpu = Infinity;
  let result = fn(); // warm-up (calendars index their years on first use)
  for (let round = 0; round < ROUNDS; round++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    const cpu = process.cpuUsage(cpu0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  console.log(`${label.padEnd(62)} ${(best * 1000).toFixed(0).padStart(6)} ms wall, ${(bestCpu * 1000).toFixed(0).padStart(6)} ms CPU  (best of ${ROUNDS})`);
  return { best, result };
}

console.log(`load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores; node ${process.version}; ${TASKS.toLocaleString('en-US')} tasks, ${AGENTS} agents, windows over November 2026`);
const baseline = time('baseline: round-robin, windows ignored', roundRobin);
const kefu = time('kefu planCampaign (CB-WINDOW, due windows, capacity)', () => planCampaign({ campaign, agents, targets }, { rules }));
const s = kefu.result.summary;
console.log(`planned ${s.planned.toLocaleString('en-US')}, unplaceable ${JSON.stringify(s.unplaceable)}, per agent ${Math.min(...Object.values(s.perAgent))}–${Math.max(...Object.values(s.perAgent))}`);
// Every planned call is callable at its instant and inside its window (what the baseline does not give).
let bad = 0;
for (const t of kefu.result.tasks) {
  if (!rules.windows.check(t.plannedAt!, t.target.numberKind, rules.windows.prefs(t.target)).callable || t.plannedAt! < t.due.startsAt || t.plannedAt! >= t.due.endsAt) bad++;
}
let baselineBad = 0;
{
  const slotMs = 3_600_000 / settings.planner.callsPerAgentPerHour;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    const due = rules.dueWindow(t.solvedAt!);
    const at = due.startsAt + Math.floor(i / AGENTS) * slotMs;
    if (!rules.windows.check(at, t.numberKind, rules.windows.prefs(t)).callable || at >= due.endsAt) baselineBad++;
  }
}
console.log(`calls outside their window or not callable: kefu ${bad}, baseline ${baselineBad.toLocaleString('en-US')}`);
console.log(`ratio kefu / baseline time: ${(kefu.best / baseline.best).toFixed(2)}×`);
console.log(`target plan < 1 s: ${kefu.best < 1 ? 'met' : 'NOT met'} (${kefu.best.toFixed(3)} s)`);

// ---- check -----------------------------------------------------------------------------------
const instants = new Float64Array(QUERIES);
const kinds: ('home' | 'work')[] = [];
const from = Date.parse('2025-01-01T00:00:00+08:00');
const span = Date.parse('2026-12-31T00:00:00+08:00') - from;
for (let i = 0; i < QUERIES; i++) {
  instants[i] = from + Math.floor(random() * span / 60_000) * 60_000;
  kinds.push(random() < 0.5 ? 'home' : 'work');
}
const windows = rules.windows;
let best = 0;
let callable = 0;
for (let round = 0; round < ROUNDS + 1; round++) {
  callable = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < QUERIES; i++) if (windows.check(instants[i]!, kinds[i]!).callable) callable++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (round > 0) best = Math.max(best, QUERIES / seconds);
}
console.log(`kefu check (home/work, random minute 2025–2026)                ${Math.round(best).toLocaleString('en-US').padStart(12)} answers/s  (best of ${ROUNDS} × ${QUERIES.toLocaleString('en-US')}; ${((100 * callable) / QUERIES).toFixed(1)} % callable)`);
console.log(`target check ≥ 1,000,000 answers/s: ${best >= 1_000_000 ? 'met' : 'NOT met'}`);

// ---- a selection over 100,000 customers in the database: preview (count + sample) -------------
// Peer in the same run: the same rule over every customer read at once (what the preview did before
// it streamed). Peak heap is sampled while each runs (the database is the same in-memory SQLite).
{
  const { loadConfig } = await import('../src/config.js');
  const { createAppContext } = await import('../src/app.js');
  const { openTestDatabase, closeTestDatabase } = await import('../src/adapters/db/test-databases.js');
  const { fixedClock } = await import('../src/core/shared/clock.js');
  const { seededRandom: coreRandom } = await import('../src/core/shared/random.js');
  const { previewCampaign } = await import('../src/core/callbacks/campaign-commands.js');
  const { selectTargets } = await import('../src/core/callbacks/select-targets.js');
  const { callbackNumbers } = await import('../src/core/callbacks/schedule-after-solved.js');
  const CUSTOMERS = 100_000;
  const database = await openTestDatabase('sqlite');
  const app = await createAppContext(loadConfig({ KEFU_DATA_DIR: '/tmp/kefu-bench-unused', LOG_LEVEL: 'silent' }), { clock: fixedClock('2026-12-01T10:00:00+08:00'), random: coreRandom(1), database });
  const db = app.database.db;
  const t0 = Date.now();
  for (let i = 0; i < CUSTOMERS; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(CUSTOMERS, i + 1000); j++) {
      const prefs = { preferredPhone: null, doNotCall: j % 10 === 0 ? [{ start: '19:00', end: '09:30' }] : [], consentToCallbacks: j % 50 !== 0, consentToMarketing: j % 3 === 0, timeZone: j % 20 === 0 ? 'Asia/Urumqi' : null };
      rows.push({ id: `cu_${String(j).padStart(7, '0')}`, code: `C${String(j).padStart(7, '0')}`, name: `客户${j}`, company: null, email: null, category: j % 4 === 0 ? 'vip' : 'normal', vip: 0, stage: 'new', tags: '[]', phones: JSON.stringify([{ number: `138${String(j).padStart(8, '0')}`, kind: j % 5 === 0 ? 'work' : 'mobile' }]), contact_preferences: JSON.stringify(prefs), note: null, search_tokens: '', search_seq: null, created_at: t0, updated_at: t0 });
    }
    await db.insertInto('customers').values(rows).execute();
  }
  const body = { name: 'bench', type: 'relationship', selection: { kind: 'cold' }, period: { from: '2026-12-02', to: '2026-12-31' }, ownerTeam: 'bench' };
  async function peak<T>(fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().heapUsed;
    let top = before;
    const sampler = setInterval(() => (top = Math.max(top, process.memoryUsage().heapUsed)), 2);
    const start = process.hrtime.bigint();
    const result = await fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    clearInterval(sampler);
    top = Math.max(top, process.memoryUsage().heapUsed);
    return { ms, peakMb: (top - before) / 1048576, result };
  }
  const rules = await app.callbacks.rules();
  const allAtOnce = await peak(async () => {
    const customers = await db.selectFrom('customers').select(['id', 'code', 'name', 'category', 'phones', 'contact_preferences']).execute();
    const rows = customers.map((c) => {
      const prefs = JSON.parse(c.contact_preferences) as { doNotCall: { start: string; end: string }[]; consentToCallbacks: boolean; consentToMarketing: boolean; timeZone: string | null };
      return { customerId: c.id, code: c.code, name: c.name, category: c.category, numbers: callbackNumbers({ phones: JSON.parse(c.phones) }, null), doNotCall: !prefs.consentToCallbacks, doNotCallHours: prefs.doNotCall, timeZone: prefs.timeZone, marketingConsent: prefs.consentToMarketing, satisfaction: [], lastContactAt: null, tickets: [] };
    });
    return selectTargets(rows, { kind: 'cold' }, { settings: rules.settings, type: 'relationship', now: app.clock.now() }).preview.count;
  });
  const streamed = await peak(async () => (await previewCampaign(app.callbacks.ctx, body)).selection.preview.count);
  console.log(`preview "cold" over ${CUSTOMERS.toLocaleString('en-US')} customers, peer (all rows at once)   ${allAtOnce.ms.toFixed(0).padStart(6)} ms, peak heap +${allAtOnce.peakMb.toFixed(1)} MB, count ${allAtOnce.result}`);
  console.log(`preview "cold" over ${CUSTOMERS.toLocaleString('en-US')} customers, kefu (batches of 1,000) ${streamed.ms.toFixed(0).padStart(6)} ms, peak heap +${streamed.peakMb.toFixed(1)} MB, count ${streamed.result}`);
  await app.close();
  await closeTestDatabase(database);
}
