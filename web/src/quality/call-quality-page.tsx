import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { useNames } from '../shared/use-names';
import { CallTimelineBar } from './call-timeline-bar';
import { formatTime } from './call-list';
import { qualityApi } from './quality-api';
import { QualityResultView } from './quality-result-view';
import { TranscriptUpload } from './transcript-upload';
import { RecordingPlayer, useRecordingSync } from './recording-player';

export function CallQualityPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const names = useNames();
  const call = useLoad((signal) => qualityApi.getCall(id, signal, locale === 'en' ? 'en' : undefined), [id, locale]);
  // Without a transcript the recording still plays (a reviewer listens before writing one).
  const bare = useRecordingSync([], undefined, false);
  const back = (
    <Link to="/quality">
      <ArrowLeftOutlined /> {t('quality.backToList')}
    </Link>
  );

  if (call.status === 'loading' && !call.data) {
    return (
      <div className="kefu-page-loading" role="status">
        <Spin />
        <span>{t('common.loading')}</span>
      </div>
    );
  }
  if (call.status === 'error' && !call.data) {
    const notFound = call.error instanceof ApiError && call.error.code === 'NOT_FOUND';
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('quality.callNotFound') : describeApiError(call.error, t)}
        extra={
          <>
            {back}
            {!notFound && <Button onClick={call.reload}>{t('common.retry')}</Button>}
          </>
        }
      />
    );
  }
  const detail = call.data!;
  const title = t('quality.callTitle', { id: detail.externalId });
  return (
    <>
      <div className="kefu-breadcrumb">{back}</div>
      <PageHeader title={title} />
      {call.status === 'error' && <Alert type="error" showIcon title={describeApiError(call.error, t)} />}
      {detail.transcript && detail.quality ? (
        <QualityResultView
          transcript={detail.transcript}
          result={detail.quality}
          events={detail.events}
          facts={{ agent: detail.agent === null ? null : names.person(detail.agent), when: formatTime(detail.startedAt, locale, names.zone) }}
          recordingUrl={detail.recordingUrl}
        />
      ) : (
        <>
          <Alert type="info" showIcon title={t('quality.noTranscript')} style={{ marginBottom: 16 }} />
          <section className="kefu-panel">
            <RecordingPlayer url={detail.recordingUrl} sync={bare} hint={false} />
          </section>
          <section className="kefu-panel">
            <h3 className="kefu-panel__title">{t('quality.timeline')}</h3>
            <CallTimelineBar events={detail.events} />
          </section>
          <section className="kefu-panel">
            <h3 className="kefu-panel__title">{t('quality.attachTranscript')}</h3>
            <TranscriptUpload
              single
              submitLabel={t('quality.attachSubmit')}
              onSubmit={async (transcripts) => {
                await qualityApi.attachTranscript(detail.id, transcripts[0]);
                call.reload();
              }}
            />
          </section>
        </>
      )}
    </>
  );
}
