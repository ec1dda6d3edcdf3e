import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { dayKey, kpiApi, parseDay, startOfDay, type KpiGroup, type KpiGrouping } from './kpi-api';
import { exportValue, groupLabel, isRateColumn, isSecondsColumn, reportColumns, reportTable, type ReportColumn } from './report-table';
import { download, toCsv, toXlsx } from './table-export';
import { PeopleFiguresCard } from '../dashboard/people-figures-card';
import '../desk/desk.css';

const groupings = ['queue', 'agent', 'day', 'hour'] as const satisfies readonly KpiGrouping[];
type ReportGrouping = (typeof groupings)[number];

export function ReportsPage() {
  const { t, script } = useI18n();
  const [params, setParams] = useSearchParams();
  const now = Date.now();
  const by = (groupings as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as ReportGrouping) : 'day';
  const fromDay = params.get('from') ?? dayKey(startOfDay(now, -6));
  const toDay = params.get('to') ?? dayKey(now);
  const from = parseDay(fromDay) ?? startOfDay(now, -6);
  const to = startOfDay(parseDay(toDay) ?? now, 1);
  const [dateError, setDateError] = useState<string | null>(null);
  const report = useLoad((signal) => kpiApi.report({ from, to }, by, signal), [from, to, by]);
  const period = useMemo(() => ({ from, to }), [from, to]);

  function update(next: { by?: string; from?: string; to?: string }) {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    const f = parseDay(p.get('from') ?? fromDay);
    const tt = parseDay(p.get('to') ?? toDay);
    if (f !== null && tt !== null && f > tt) {
      setDateError(t('reports.badPeriod'));
      return;
    }
    setDateError(null);
    setParams(p);
  }

  const columnLabels = useMemo(() => Object.fromEntries(reportColumns.map((c) => [c, t(`reports.col.${c}` as MessageKey)])) as Record<ReportColumn, string>, [t]);
  const groups = useMemo(() => [...(report.data?.groups ?? [])].sort((a, b) => a.key.localeCompare(b.key)), [report.data]);
  const noAgent = t('reports.noAgent');
  // Queue names are the centre's labels (converted for a 繁體 reader, as elsewhere); people's names are kept.
  const label = (key: string) => {
    if (!report.data) return key;
    const words = groupLabel(report.data, key, noAgent);
    return report.data.by === 'queue' ? script(words) : words;
  };

  const columns: TableColumnsType<KpiGroup> = [
    { title: t(`reports.by.${by}` as MessageKey), dataIndex: 'key', fixed: 'left', render: (k: string) => <span className={report.data?.by === 'agent' ? undefined : 'kefu-mono'}>{label(k)}</span> },
    ...reportColumns.map((c) => ({
      title: columnLabels[c],
      dataIndex: c,
      align: 'right' as const,
      render: (_: unknown, g: KpiGroup) => {
        const v = exportValue(g, c);
        // Seconds with one decimal always (9.0 under 8.8, not 9), as the XLSX export shows them.
        return <span className="kefu-mono">{v === null ? '—' : isRateColumn(c) ? `${v.toFixed(1)}%` : isSecondsColumn(c) ? v.toFixed(1) : v}</span>;
      },
    })),
  ];

  const option = useMemo<ChartOption>(
    () => ({
      // No animation: a report is read, not watched; a new period redraws at once.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: groups.map((g) => (report.data ? groupLabel(report.data, g.key, noAgent) : g.key)), axisLabel: { rotate: groups.length > 12 ? 45 : 0 } },
      yAxis: [
        { type: 'value', name: t('dashboard.chart.calls'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { type: 'bar', name: columnLabels.offered, data: groups.map((g) => g.offered), itemStyle: { color: '#9fb7c9' } },
        { type: 'bar', name: columnLabels.answered, data: groups.map((g) => g.answered), itemStyle: { color: '#1f5f8b' } },
        { type: 'line', name: columnLabels.answerRate, yAxisIndex: 1, data: groups.map((g) => exportValue(g, 'answerRate')), itemStyle: { color: '#389e0d' } },
        { type: 'line', name: columnLabels.serviceLevel, yAxisIndex: 1, data: groups.map((g) => exportValue(g, 'serviceLevel')), itemStyle: { color: '#d48806' } },
      ],
    }),
    [groups, columnLabels, t, noAgent, report.data],
  );

  async function exportAs(format: 'csv' | 'xlsx') {
    if (!report.data) return;
    const table = reportTable(report.data, { key: t(`reports.by.${by}` as MessageKey), columns: columnLabels, sheetName: t('nav.reports'), noAgent });
    const name = `kefu-kpi-${by}-${fromDay}_${toDay}`;
    if (format === 'csv') download(`${name}.csv`, toCsv(table), 'text/csv;charset=utf-8');
    else download(`${name}.xlsx`, await toXlsx(table), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  const hasData = groups.length > 0;

  return (
    <div data-testid="reports">
      <PageHeader
        title={t('nav.reports')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} disabled={!hasData} onClick={() => void exportAs('csv')} data-testid="export-csv">
              {t('reports.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} disabled={!hasData} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">
              {t('reports.exportXlsx')}
            </Button>
          </Space>
        }
      />
      <Form layout="inline" className="kefu-filter-row">
        <Form.Item label={t('reports.groupBy')}>
          <Segmented value={by} onChange={(v) => update({ by: String(v) })} options={groupings.map((g) => ({ value: g, label: t(`reports.by.${g}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item label={t('reports.from')} validateStatus={dateError ? 'error' : undefined} help={dateError ?? undefined}>
          <DatePicker.RangePicker
            allowClear={false}
            aria-label={t('reports.period')}
            onChange={(_, texts) => update({ from: texts[0], to: texts[1] })}
            placeholder={[fromDay, toDay]}
          />
        </Form.Item>
        <span className="kefu-text-secondary">{t('reports.periodShown', { from: fromDay, to: toDay })}</span>
      </Form>
      {report.status === 'error' && <Alert type="error" showIcon title={describeApiError(report.error, t)} style={{ marginBottom: 12 }} action={<a onClick={report.reload}>{t('common.retry')}</a>} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Chart option={option} height={300} loading={report.status === 'loading'} ariaLabel={t('reports.chartLabel', { by: t(`reports.by.${by}` as MessageKey) })} />
      </Card>
      <Table size="small" rowKey="key" columns={columns} dataSource={groups} loading={report.status === 'loading'} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 1100 }} locale={{ emptyText: t('reports.empty') }} />
      <div style={{ height: 12 }} />
      {/* The period's ticket and quality figures per agent and team, beside the pack's targets. */}
      <PeopleFiguresCard dayStart={from} fixed={period} />
    </div>
  );
}
