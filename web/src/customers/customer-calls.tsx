import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { CallOutcomeName, CallSummary } from '@contract/calls';
import { mmss } from '../desk/clocks';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import type { MessageKey } from '../i18n/messages';
import { useNames } from '../shared/use-names';

const outcomeLabels: Record<CallOutcomeName, MessageKey> = {
  answered: 'call.outcome.answered',
  abandoned: 'call.outcome.abandoned',
  timeout: 'call.outcome.timeout',
  exit_empty: 'call.outcome.exit_empty',
  exit_with_key: 'call.outcome.exit_with_key',
  dropped: 'call.outcome.dropped',
  unanswered: 'call.outcome.unanswered',
  open: 'call.outcome.open',
};

/** The customer's calls on the customer page, newest first; the caller's number as the server masked it. */
export function CustomerCalls({ calls }: { calls: CallSummary[] }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const names = useNames();
  return (
    <Card size="small" title={t('customers.calls', { count: calls.length })} data-testid="customer-calls">
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={calls}
        locale={{ emptyText: t('customers.noCalls') }}
        columns={[
          {
            title: t('quality.col.time'),
            dataIndex: 'startedAt',
            render: (ms: number | null, call) => (
              <Link to={`/quality/calls/${encodeURIComponent(call.id)}`}>
                <span className="kefu-mono">{ms === null ? '—' : when(ms)}</span>
              </Link>
            ),
          },
          { title: t('customers.call.caller'), dataIndex: 'caller', render: (n: string | null) => <span className="kefu-mono">{n ?? '—'}</span> },
          { title: t('quality.col.agent'), dataIndex: 'agent', render: (a: string | null) => names.person(a) },
          { title: t('customers.call.outcome'), dataIndex: 'outcome', render: (o: CallOutcomeName) => <Tag color={o === 'answered' ? 'green' : o === 'open' ? 'blue' : 'default'}>{t(outcomeLabels[o])}</Tag> },
          { title: t('customers.call.talk'), dataIndex: 'talkMs', align: 'right', render: (ms: number | null) => <span className="kefu-mono">{ms === null ? '—' : mmss(ms)}</span> },
          { title: t('quality.col.score'), dataIndex: 'qualityScore', align: 'right', render: (s: number | null) => (s === null ? <span className="kefu-text-secondary">{t('quality.notInspected')}</span> : s) },
        ]}
      />
    </Card>
  );
}
