import { CrownFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { LifecycleStage } from './customers-api';

const stageColor: Record<LifecycleStage, string> = { potential: 'default', new: 'blue', loyal: 'green', referrer: 'purple' };

export function StageTag({ stage }: { stage: LifecycleStage }) {
  const { t } = useI18n();
  return <Tag color={stageColor[stage]}>{t(`customers.stage.${stage}` as MessageKey)}</Tag>;
}

export function VipTag() {
  const { t } = useI18n();
  return (
    <Tag color="gold" icon={<CrownFilled />}>
      VIP
      <span className="kefu-visually-hidden">{t('customers.vip')}</span>
    </Tag>
  );
}

/** Satisfaction (1–5) over time as a small line, drawn without the chart library to keep the desk light. */
export function SatisfactionSparkline({ points, label }: { points: { at: number; satisfaction: number }[]; label: string }) {
  if (points.length === 0) return null;
  const width = 160;
  const height = 36;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const y = (s: number) => height - 4 - ((s - 1) / 4) * (height - 8);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y(p.satisfaction).toFixed(1)}`).join(' ');
  const last = points[points.length - 1]!;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="kefu-sparkline">
      <path d={path} fill="none" stroke="#1f5f8b" strokeWidth={1.5} />
      {points.map((p, i) => (
        <circle key={i} cx={i * step} cy={y(p.satisfaction)} r={2} fill={p.satisfaction <= 2 ? '#cf1322' : '#1f5f8b'} />
      ))}
      <title>{`${label}: ${last.satisfaction}/5`}</title>
    </svg>
  );
}
