import { Alert, Card, Segmented, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../shared/use-load';
import type { Period } from '../reports/kpi-api';
import { figureText, peopleApi, peopleFigureColumns, periodOf, targetText, type FiguresPeriod, type PeopleFigure, type PeopleGrouping, type PeopleRow } from './people-figures';

const figureLabel: Record<PeopleFigure, MessageKey> = {
  satisfaction: 'dashboard.figure.satisfaction',
  complaintResponseRate: 'dashboard.figure.complaintResponse',
  firstContactResolution: 'dashboard.figure.firstContactResolution',
  ticketWithin3MinRate: 'dashboard.figure.ticketWithin3Min',
  summaryWithin5MinRate: 'dashboard.figure.summaryWithin5Min',
  promisesKeptRate: 'dashboard.figure.promisesKept',
};

/**
 * 坐席与班组指标: the week's or the month's figures per agent or team, each column headed by the
 * pack's target and each figure green or red against it; the quality figures beside them. The
 * table scrolls sideways on a phone, the name column stays.
 */
export function PeopleFiguresCard({ dayStart, fixed }: { dayStart: number; /** The reports page's own period: no week/month switch. */ fixed?: Period }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState<FiguresPeriod>('week');
  const [by, setBy] = useState<PeopleGrouping>('agent');
  const range = useMemo(() => fixed ?? periodOf(period, dayStart), [fixed, period, dayStart]);
  const report = useLoad((signal) => peopleApi.figures(range, by, signal), [range, by]);
  const data = report.data;
  const rows = useMemo(() => (data ? [...data.rows, { ...data.total, name: t('dashboard.people.total') }] : []), [data, t]);

  const columns: TableColumnsType<PeopleRow> = [
    {
      title: t(by === 'agent' ? 'dashboard.people.col.agent' : 'dashboard.people.col.team'),
      dataIndex: 'name',
      fixed: 'left',
      width: 96,
      render: (name: string, r) => (
        <span className="kefu-ellipsis" style={{ maxWidth: 90, fontWeight: r.key === 'total' ? 600 : undefined }} title={r.key}>
          {name}
        </span>
      ),
    },
    ...peopleFigureColumns.map((f) => {
      const target = data?.targets[f];
      const goal = target ? targetText(target) : null;
      return {
        title: (
          <span>
            {t(figureLabel[f])}
            <br />
            <span className="kefu-text-secondary kefu-mono" style={{ fontWeight: 400 }}>
              {target?.requirement} {t('dashboard.people.target')} {goal ?? t('dashboard.people.noTarget')}
            </span>
          </span>
        ),
        key: f,
        align: 'right' as const,
        width: 112,
        render: (_: unknown, r: PeopleRow) => {
          const pass = r.figures[f].pass;
          return (
            <span className="kefu-mono" data-figure={f} data-pass={pass === null ? 'none' : String(pass)} style={{ color: pass === false ? '#cf1322' : pass === true ? '#389e0d' : undefined }}>
              {figureText(r, f)}
            </span>
          );
        },
      };
    }),
    {
      title: t('dashboard.people.col.qualityScore'),
      key: 'qualityScore',
      align: 'right',
      width: 88,
      render: (_: unknown, r) => (
        <Tooltip title={t('dashboard.people.judged', { count: r.quality.judged })}>
          <span className="kefu-mono">{r.quality.averageScore === null ? '—' : r.quality.averageScore.toFixed(1)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('dashboard.people.col.fatal'),
      key: 'fatal',
      align: 'right',
      width: 64,
      render: (_: unknown, r) => <span className="kefu-mono" style={{ color: r.quality.fatalCalls > 0 ? '#cf1322' : undefined }} data-testid="fatal-calls">{r.quality.fatalCalls}</span>,
    },
    {
      title: t('dashboard.people.col.topFailed'),
      key: 'topFailed',
      width: 200,
      render: (_: unknown, r) =>
        r.quality.topFailed.length === 0 ? (
          '—'
        ) : (
          <Space size={2} wrap>
            {r.quality.topFailed.map((f) => (
              <Tag key={f.rule} className="kefu-mono">
                {f.rule}×{f.calls}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('dashboard.people.title')}
      data-testid="people-figures"
      extra={
        <Space size={6} wrap>
          {!fixed && <Segmented size="small" value={period} onChange={(v) => setPeriod(v as FiguresPeriod)} options={[{ value: 'week', label: t('dashboard.people.week') }, { value: 'month', label: t('dashboard.people.month') }]} />}
          <Segmented size="small" value={by} onChange={(v) => setBy(v as PeopleGrouping)} options={[{ value: 'agent', label: t('dashboard.people.byAgent') }, { value: 'team', label: t('dashboard.people.byTeam') }]} />
        </Space>
      }
    >
      {report.status === 'error' && <Alert type="error" showIcon title={describeApiError(report.error, t)} style={{ marginBottom: 8 }} action={<a onClick={report.reload}>{t('common.retry')}</a>} />}
      <Table
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={report.status === 'loading'}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('dashboard.people.empty') }}
        onRow={(r) => ({ 'data-testid': `people-row-${r.key}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
