import { Alert, Button, Checkbox, Form, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { qualityApi, ruleIds, type CallFilters } from './quality-api';
import type { CallSummary } from './quality-types';
import { DateInput } from '../shared/date-inputs';
import { useNames } from '../shared/use-names';
import { formatDateTime } from '../shared/instant-format';

/** Filters live in the address, so a filtered list can be bookmarked and shared. */
function filtersFrom(params: URLSearchParams): CallFilters {
  return {
    agent: params.get('agent') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    rule: params.get('rule') ?? undefined,
    fatal: params.get('fatal') === '1',
  };
}

/** A call's time with its year, in the centre's zone (see formatDateTime). */
export function formatTime(ms: number | null, locale: string, timeZone: string | undefined): string {
  return formatDateTime(ms, locale, timeZone, { year: true });
}

export function CallList() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  // Cursors of the pages before this one, for "previous page".
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad((signal) => qualityApi.listCalls(filters, cursor, signal), [params.toString(), cursor]);
  const [form] = Form.useForm<CallFilters>();

  function apply(values: CallFilters) {
    const next = new URLSearchParams();
    if (values.agent?.trim()) next.set('agent', values.agent.trim());
    if (values.from) next.set('from', values.from);
    if (values.to) next.set('to', values.to);
    if (values.rule) next.set('rule', values.rule);
    if (values.fatal) next.set('fatal', '1');
    setCursors([undefined]);
    setParams(next);
  }

  const items = page.data?.items ?? [];
  const names = useNames();

  const columns: TableColumnsType<CallSummary> = [
    {
      title: t('quality.col.time'),
      dataIndex: 'startedAt',
      render: (value: number | null, call) => (
        <Link to={`/quality/calls/${encodeURIComponent(call.id)}`}>{formatTime(value, locale, names.zone)}</Link>
      ),
    },
    // People and queues by the names the centre uses (the page's `names`), the ids calls keep as a fallback.
    { title: t('quality.col.agent'), dataIndex: 'agent', render: (value: string | null) => names.person(value) },
    { title: t('quality.col.queue'), dataIndex: 'queue', render: (value: string) => names.queue(value) },
    {
      title: t('quality.col.score'),
      dataIndex: 'qualityScore',
      align: 'right',
      render: (value: number | null) => (value === null ? <span className="kefu-text-secondary">{t('quality.notInspected')}</span> : value),
    },
    {
      title: t('quality.col.fatal'),
      dataIndex: 'qualityFatal',
      render: (value: boolean | null) => (value ? <Tag color="red">{t('quality.fatal')}</Tag> : null),
    },
    { title: t('quality.col.standard'), dataIndex: 'standardVersion', render: (value: string | null) => <span className="kefu-mono">{value ?? '—'}</span> },
  ];

  return (
    <div data-testid="call-list">
      <Form
        form={form}
        layout="inline"
        className="kefu-filter-bar"
        initialValues={filters}
        onFinish={apply}
        aria-label={t('quality.filters')}
      >
        <Form.Item name="agent" label={t('quality.col.agent')}>
          {/* People by name; the filter sends the username calls keep. */}
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} options={names.people} />
        </Form.Item>
        <Form.Item name="from" label={t('quality.filter.from')}>
          <DateInput style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="to" label={t('quality.filter.to')}>
          <DateInput style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="rule" label={t('quality.filter.rule')}>
          <Select allowClear showSearch style={{ width: 170 }} options={ruleIds.map((id) => ({ value: id, label: id }))} />
        </Form.Item>
        <Form.Item name="fatal" valuePropName="checked">
          <Checkbox>{t('quality.filter.fatalOnly')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('quality.filter.apply')}
          </Button>
        </Form.Item>
      </Form>
      {page.status === 'error' && (
        <Alert
          type="error"
          showIcon
          title={describeApiError(page.error, t)}
          action={<Button size="small" onClick={page.reload}>{t('common.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<CallSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={page.status === 'loading'}
        pagination={false}
        locale={{ emptyText: page.status === 'loading' ? t('common.loading') : t('quality.empty') }}
      />
      <div className="kefu-pager">
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.prevPage')}
        </Button>
        <Button
          disabled={!page.data?.nextCursor || page.status === 'loading'}
          onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor!])}
        >
          {t('common.nextPage')}
        </Button>
      </div>
    </div>
  );
}
