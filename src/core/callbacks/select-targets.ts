import type { CallbackSettings, CallbackType, NumberKind } from '../standard/callback-schema.js';
import type { CallbackInterval } from '../standard/callback-schema.js';
import type { CallbackTarget, SelectionRule } from './model.js';
import { MS_PER_DAY } from '../calendar/local-date.js';

/**
 * The selection reason of a callback after a solved ticket, as the agent and the target list read
 * it: the ticket by its number (the one the customer was told), never its internal id.
 */
export function solvedReason(type: string, number: string | null): { reason: string; reasonEn: string } {
  return {
    reason: `${type === 'complaint' ? '投诉' : '复杂问题'}工单${number ? ` ${number} ` : ''}已解决，回访确认`,
    reasonEn: `${type === 'complaint' ? 'complaint' : 'complex-problem'} ticket${number ? ` ${number}` : ''} solved: confirm with the customer`,
  };
}

/** A source of uniform numbers in [0, 1): the core never calls Math.random (reproducible draws). */
export interface RandomPort {
  next(): number;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): RandomPort {
  let state = seed | 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** One customer as the selection sees it: plain rows the repositories (phase 2) or a file provide. */
export interface CandidateRow {
  customerId: string;
  code?: string | null;
  name: string;
  category?: string | null;
  numbers: { number: string; kind: NumberKind; valid?: boolean }[];
  /** The customer asked not to be called at all. */
  doNotCall?: boolean;
  doNotCallHours?: CallbackInterval[] | null;
  timeZone?: string | null;
  /** Recorded consent to marketing calls (promotion callbacks need it). */
  marketingConsent?: boolean;
  /** Satisfaction scores 1–5 with when they were given (surveys, call summaries, callback reports). */
  satisfaction?: { score: number; at: number }[];
  /** Last contact of any kind (call, ticket, callback). */
  lastContactAt?: number | null;
  tickets?: { id: string; number?: string | null; type: string; status: 'open' | 'in_progress' | 'waiting_customer' | 'resolved' | 'closed' | 'reopened'; solvedAt?: number | null }[];
}

export const skipReasons = ['no_valid_number', 'do_not_call', 'no_marketing_consent'] as const;
export type SkipReason = (typeof skipReasons)[number];

export interface SelectionResult {
  targets: CallbackTarget[];
  /** How many the rule matched before the skips. */
  matched: number;
  skipped: Record<SkipReason, number>;
  /** Set when nobody is selected: the reason in Chinese and English, for the screen and the API. */
  empty: { reason: string; reasonEn: string } | null;
  preview: { count: number; sample: CallbackTarget[] };
}

export interface SelectionContext {
  settings: Pick<CallbackSettings, 'selection' | 'types'>;
  type: CallbackType;
  /** Epoch ms: "no contact in N days" and "recently solved" are counted back from here (a Clock's now). */
  now: number;
  random?: RandomPort;
  /** Preferred number kind when a customer has both (default: home for personal matters, CB-WINDOW). */
  prefer?: NumberKind;
  sampleSize?: number;
}

interface Match {
  row: CandidateRow;
  reason: string;
  reasonEn: string;
  ticketId?: string;
  ticketNumber?: string | null;
  solvedAt?: number;
}

/** The number to call: a valid one (not marked wrong, at least 5 digits), the preferred kind first. */
export function chooseNumber<N extends { number: string; kind: NumberKind; valid?: boolean }>(numbers: readonly N[], prefer: NumberKind): N | undefined {
  const valid = numbers.filter((n) => n.valid !== false && /\d{5,}/.test(n.number.replace(/[\s-]/g, '')));
  return valid.find((n) => n.kind === prefer) ?? valid[0];
}

const openStatuses = new Set(['open', 'in_progress', 'waiting_customer', 'reopened']);

function compareCode(a: PoolRow, b: PoolRow): number {
  const x = a.code ?? a.customerId;
  const y = b.code ?? b.customerId;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A customer as the random draw sees it: the draw needs only who is in the pool, not their records. */
export interface PoolRow {
  customerId: string;
  code?: string | null;
  category?: string | null;
}

type RandomRule = Extract<SelectionRule, { kind: 'random' }>;

/**
 * 随机选择法: the pool (by code prefix or category), sorted by code so the same seed draws the same
 * customers whatever order the rows came in, then the first `size` places of a Fisher–Yates shuffle.
 * Returns the drawn rows in draw order. Needs only the pool's codes (a database streams the drawn
 * customers' records afterwards), so a draw from 100,000 customers holds 100,000 codes, not records.
 */
export function drawRandom<T extends PoolRow>(rows: readonly T[], rule: RandomRule, random: RandomPort = seededRandom(rule.seed)): T[] {
  const pool = rows
    .filter((r) =>
      rule.by === 'code'
        ? rule.codePrefix === undefined || (r.code ?? '').startsWith(rule.codePrefix)
        : rule.categories === undefined || rule.categories.length === 0 || (r.category !== undefined && r.category !== null && rule.categories.includes(r.category)),
    )
    .sort(compareCode);
  const n = Math.min(rule.size, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random.next() * (pool.length - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, n);
}

/**
 * The rule itself on a batch of rows: who matches and why (before the skips). Every rule but the
 * random draw judges each customer on their own record, so rows may come in batches of any size;
 * the random rule's rows are the ones `drawRandom` drew, each matched with the draw's label.
 */
function matchRows(rows: readonly CandidateRow[], rule: SelectionRule, ctx: SelectionContext): Match[] {
  const s = ctx.settings.selection;
  switch (rule.kind) {
    case 'random': {
      const label = rule.by === 'code' ? `按客户编号随机抽取${rule.codePrefix ? `（${rule.codePrefix}…）` : ''}` : `按客户类别随机抽取${rule.categories?.length ? `（${rule.categories.join('、')}）` : ''}`;
      const labelEn = rule.by === 'code' ? `drawn at random by customer code${rule.codePrefix ? ` (${rule.codePrefix}…)` : ''}` : `drawn at random by customer category${rule.categories?.length ? ` (${rule.categories.join(', ')})` : ''}`;
      return rows.map((row) => ({ row, reason: label, reasonEn: labelEn }));
    }
    case 'low-satisfaction': {
      const below = rule.below ?? s.lowSatisfactionBelow;
      const out: Match[] = [];
      for (const row of rows) {
        const scores = (row.satisfaction ?? []).filter((x) => x.at >= rule.from && x.at < rule.to && x.score < below);
        if (scores.length === 0) continue;
        const lowest = Math.min(...scores.map((x) => x.score));
        out.push({ row, reason: `满意度 ${lowest} 分（低于 ${below} 分）`, reasonEn: `satisfaction ${lowest} (below ${below})` });
      }
      return out;
    }
    case 'further-service': {
      const days = rule.recentlySolvedDays ?? s.recentlySolvedDays;
      const since = ctx.now - days * MS_PER_DAY;
      const out: Match[] = [];
      for (const row of rows) {
        const ticket = (row.tickets ?? []).find(
          (t) => rule.ticketTypes.includes(t.type) && (openStatuses.has(t.status) || (t.solvedAt !== undefined && t.solvedAt !== null && t.solvedAt >= since)),
        );
        if (!ticket) continue;
        const named = ticket.number ? `工单 ${ticket.number} ` : '工单';
        const namedEn = ticket.number ? `ticket ${ticket.number}` : 'a ticket';
        const open = openStatuses.has(ticket.status);
        out.push({
          row,
          reason: open ? `${named}尚未解决，需要继续服务` : `${named}近 ${days} 天内解决，需要追加服务`,
          reasonEn: open ? `${namedEn} not solved yet: more service needed` : `${namedEn} solved in the last ${days} days: follow-up service`,
          ticketId: ticket.id,
          ticketNumber: ticket.number ?? null,
        });
      }
      return out;
    }
    case 'cold': {
      const days = rule.days ?? s.coldAfterDays;
      const since = ctx.now - days * MS_PER_DAY;
      return rows
        .filter((row) => row.lastContactAt === undefined || row.lastContactAt === null || row.lastContactAt < since)
        .map((row) => {
          const days = row.lastContactAt ? Math.floor((ctx.now - row.lastContactAt) / MS_PER_DAY) : null;
          return { row, reason: days === null ? '从未联系' : `${days} 天没有联系`, reasonEn: days === null ? 'never contacted' : `no contact for ${days} days` };
        });
    }
    case 'after-solved': {
      const types = rule.ticketTypes ?? s.afterSolvedTicketTypes;
      const out: Match[] = [];
      for (const row of rows) {
        for (const t of row.tickets ?? []) {
          if (!types.includes(t.type) || t.solvedAt === undefined || t.solvedAt === null || t.solvedAt < rule.from || t.solvedAt >= rule.to) continue;
          out.push({ row, ...solvedReason(t.type, t.number ?? null), ticketId: t.id, ticketNumber: t.number ?? null, solvedAt: t.solvedAt });
        }
      }
      return out;
    }
    default: {
      const never: never = rule;
      throw new Error(`unhandled selection rule ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

const ruleNames: Record<SelectionRule['kind'], [string, string]> = {
  random: ['随机选择', 'random selection'],
  'low-satisfaction': ['满意度较低的客户', 'low satisfaction'],
  'further-service': ['需要追加或继续服务的客户', 'further service'],
  cold: ['联系较少的客户', 'cold relationship'],
  'after-solved': ['投诉和复杂问题解决后的回访', 'after a complaint or complex problem is solved'],
};

/**
 * CB-SELECT, fed in batches: each match becomes a target with the number to use (a valid one, the
 * preferred kind first), unless the customer cannot be called: no valid number, do-not-call, or —
 * for promotion (CB-TYPE) — no recorded marketing consent. Skips are counted by reason; a rule that
 * selects nobody says so, and why. A preview keeps only the count and a sample (`keepTargets:
 * false`): memory stays flat however many customers stream through.
 */
export class SelectionTally {
  private readonly targets: CallbackTarget[] = [];
  private readonly sample: CallbackTarget[] = [];
  private readonly skipped: Record<SkipReason, number> = { no_valid_number: 0, do_not_call: 0, no_marketing_consent: 0 };
  private matched = 0;
  private count = 0;
  private readonly needsConsent: boolean;
  private readonly prefer: NumberKind;
  private readonly sampleSize: number;

  constructor(
    private readonly rule: SelectionRule,
    private readonly ctx: SelectionContext,
    private readonly o: { keepTargets: boolean } = { keepTargets: true },
  ) {
    this.needsConsent = ctx.settings.types[ctx.type].requiresMarketingConsent;
    this.prefer = ctx.prefer ?? 'home';
    this.sampleSize = ctx.sampleSize ?? 10;
  }

  add(rows: readonly CandidateRow[]): void {
    for (const m of matchRows(rows, this.rule, this.ctx)) {
      this.matched++;
      const row = m.row;
      if (row.doNotCall) {
        this.skipped.do_not_call++;
        continue;
      }
      if (this.needsConsent && row.marketingConsent !== true) {
        this.skipped.no_marketing_consent++;
        continue;
      }
      const number = chooseNumber(row.numbers, this.prefer);
      if (!number) {
        this.skipped.no_valid_number++;
        continue;
      }
      const target: CallbackTarget = {
        customerId: row.customerId,
        customerCode: row.code ?? null,
        customerName: row.name,
        number: number.number,
        numberKind: number.kind,
        timeZone: row.timeZone ?? null,
        doNotCall: row.doNotCallHours ?? null,
        ticketId: m.ticketId ?? null,
        ticketNumber: m.ticketNumber ?? null,
        solvedAt: m.solvedAt ?? null,
        reason: m.reason,
        reasonEn: m.reasonEn,
      };
      this.count++;
      if (this.sample.length < this.sampleSize) this.sample.push(target);
      if (this.o.keepTargets) this.targets.push(target);
    }
  }

  result(): SelectionResult {
    let empty: SelectionResult['empty'] = null;
    if (this.count === 0) {
      const [zh, en] = ruleNames[this.rule.kind];
      const skips = skipReasons.filter((r) => this.skipped[r] > 0).map((r) => `${r} ${this.skipped[r]}`);
      empty =
        this.matched === 0
          ? { reason: `规则“${zh}”没有选中任何客户`, reasonEn: `the rule "${en}" selects no one` }
          : { reason: `规则“${zh}”选中的 ${this.matched} 位客户都不能拨打（${skips.join('，')}）`, reasonEn: `all ${this.matched} customers the rule "${en}" selects are skipped (${skips.join(', ')})` };
    }
    return { targets: this.targets, matched: this.matched, skipped: { ...this.skipped }, empty, preview: { count: this.count, sample: this.sample } };
  }
}

/** CB-SELECT over rows in memory: the random draw, then the same tally a database streams through. */
export function selectTargets(rows: readonly CandidateRow[], rule: SelectionRule, ctx: SelectionContext): SelectionResult {
  const tally = new SelectionTally(rule, ctx);
  tally.add(rule.kind === 'random' ? drawRandom(rows, rule, ctx.random) : rows);
  return tally.result();
}
