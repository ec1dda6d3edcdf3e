import { Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { qualityApi } from './quality-api';
import { QualityResultView } from './quality-result-view';
import type { QualityResult, Transcript } from './quality-types';
import { TranscriptUpload } from './transcript-upload';

interface Inspected {
  transcript: Transcript;
  result: QualityResult;
}

/** 试检: run the standard in force on a pasted transcript without storing anything. */
export function TryInspectPage() {
  const { t, locale } = useI18n();
  const [inspected, setInspected] = useState<Inspected[]>([]);
  const [selected, setSelected] = useState(0);
  const lang = locale === 'en' ? 'en' : 'zh';

  async function run(transcripts: unknown[]) {
    if (transcripts.length === 1) {
      const result = await qualityApi.inspect(transcripts[0], lang);
      setInspected([{ transcript: transcripts[0] as Transcript, result }]);
    } else {
      const { results } = await qualityApi.inspectMany(transcripts, lang);
      setInspected(results.map((result, index) => ({ transcript: transcripts[index] as Transcript, result })));
    }
    setSelected(0);
  }

  const current = inspected[selected];
  return (
    <div data-testid="try-inspect">
      <p className="kefu-text-secondary">{t('quality.try.intro')}</p>
      <TranscriptUpload onSubmit={run} submitLabel={t('quality.try.submit')} />
      {inspected.length > 1 && (
        <Table
          size="small"
          rowKey={(_, index) => String(index)}
          style={{ marginTop: 16 }}
          pagination={inspected.length > 10 ? { pageSize: 10 } : false}
          dataSource={inspected.map((item, index) => ({ ...item, index }))}
          rowClassName={(row) => (row.index === selected ? 'kefu-row-selected' : '')}
          onRow={(row) => ({
            onClick: () => setSelected(row.index),
            onKeyDown: (event) => {
              if (event.key === 'Enter' || event.key === ' ') setSelected(row.index);
            },
            tabIndex: 0,
          })}
          columns={[
            { title: '#', render: (_, row) => row.index + 1, width: 48 },
            { title: 'ID', render: (_, row) => row.result.id ?? '—' },
            { title: t('quality.col.score'), align: 'right', render: (_, row) => row.result.score },
            { title: t('quality.col.fatal'), render: (_, row) => (row.result.fatal ? <Tag color="red">{t('quality.fatal')}</Tag> : null) },
          ]}
        />
      )}
      {current && (
        <div style={{ marginTop: 16 }}>
          <QualityResultView key={selected} transcript={current.transcript} result={current.result} facts={{ agent: current.transcript.agent ?? null, channel: current.transcript.channel ?? null }} />
        </div>
      )}
    </div>
  );
}
