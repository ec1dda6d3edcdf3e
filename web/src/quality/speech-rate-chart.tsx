import { useMemo } from 'react';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { useI18n } from '../i18n/i18n-context';
import { formatOffset } from './call-timeline';
import { chartBars, type SpeechRate } from './speech-rate';

/**
 * Loaded lazily by the result view, so ECharts arrives only with a result that has timestamps.
 * Bars are the check's own figures; the dashed lines are the standard's band, the shaded area the
 * band the verdict applied (the pack's tolerance, no lower bound with an upset customer).
 */
export default function SpeechRateChart({ rate }: { rate: SpeechRate }) {
  const { t } = useI18n();
  const bars = useMemo(() => chartBars(rate), [rate]);
  const option = useMemo<ChartOption>(() => {
    const top = Math.max(rate.upper, rate.max, ...bars.map((b) => b.value));
    return {
      grid: { left: 48, right: 44, top: 28, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: bars.map((b) => `#${b.utterance + 1} ${formatOffset(b.start)}`) },
      yAxis: {
        type: 'value',
        name: t('quality.rate.unit'),
        min: Math.max(0, Math.floor((Math.min(rate.lower || rate.min, ...bars.map((b) => b.value)) * 0.8) / 20) * 20),
        max: Math.ceil((top * 1.1) / 20) * 20,
      },
      series: [
        {
          type: 'bar',
          name: t('quality.rate.series'),
          barMaxWidth: 28,
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.inBand ? '#5b8db8' : '#d4380d' } })),
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#389e0d' },
            label: { formatter: '{c}' },
            data: [{ yAxis: rate.min }, { yAxis: rate.max }],
          },
          markArea: { silent: true, itemStyle: { color: 'rgba(56, 158, 13, 0.08)' }, data: [[{ yAxis: rate.lower }, { yAxis: rate.upper }]] },
        },
      ],
    };
  }, [rate, bars, t]);
  return (
    <Chart
      option={option}
      height={220}
      ariaLabel={t('quality.rate.aria', {
        rates: bars.map((b) => `#${b.utterance + 1}: ${b.value}`).join(', '),
        band: `${rate.min}–${rate.max}`,
      })}
    />
  );
}
