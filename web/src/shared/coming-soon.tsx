import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Result, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';

/**
 * The honest empty state of a module that is not built yet: it says what will be here and offers
 * no control that would do nothing.
 */
export function ComingSoon({ summary }: { summary: MessageKey }) {
  const { t } = useI18n();
  return (
    <Card variant="borderless" data-testid="coming-soon">
      <Result
        icon={<ClockCircleOutlined style={{ color: '#8c9bab' }} />}
        title={t('comingSoon.title')}
        subTitle={
          <div className="kefu-coming-soon__body">
            <Typography.Text type="secondary">{t('comingSoon.willShow')}</Typography.Text>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t(summary)}</Typography.Paragraph>
          </div>
        }
      />
    </Card>
  );
}
