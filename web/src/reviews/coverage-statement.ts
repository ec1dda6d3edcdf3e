import type { Translate } from '../i18n/i18n-context';

/** What the month-end statement says, from the coverage the server computed (QA-SAMPLE). */
export interface CoverageFigures {
  month: string;
  target: number;
  fatalCalls: number;
  fatalSampled: number;
  totals: { calls: number; sampled: number; reviewed: number };
  agents: readonly { agent: string; shortfall: number }[];
}

const share = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * 月度抽检说明 in the reader's language. The server's `statement` is the same in Chinese for the API
 * and the CLI; the screen words the same figures itself, so an English reader reads English and
 * agents are named as the centre calls them.
 */
export function coverageStatement(c: CoverageFigures, t: Translate, person: (username: string) => string): string {
  const { calls, sampled, reviewed } = c.totals;
  const behind = c.agents.filter((a) => a.shortfall > 0);
  return (
    t('reviews.statement.totals', { month: c.month, calls, sampled, reviewed, sampledShare: share(calls ? sampled / calls : 0), reviewedShare: share(calls ? reviewed / calls : 0) }) +
    (c.fatalSampled >= c.fatalCalls ? t('reviews.statement.fatalAll', { fatal: c.fatalCalls }) : t('reviews.statement.fatalMissing', { fatal: c.fatalCalls, missing: c.fatalCalls - c.fatalSampled })) +
    (behind.length === 0
      ? t('reviews.statement.allReached', { target: share(c.target) })
      : t('reviews.statement.behind', { target: share(c.target), agents: behind.map((a) => t('reviews.statement.behindAgent', { agent: person(a.agent), shortfall: a.shortfall })).join(t('reviews.statement.separator')) }))
  );
}
