import { useMemo } from 'react';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { useI18n } from '../i18n/i18n-context';
import { formatOffset } from './call-timeline';
import type { RateBand, UtteranceRate } from './speech-rate';

/** Loaded lazily by the result view, so ECharts arrives only with a result that has timestamps. */
export default function SpeechRateChart({ rates, band }: { rates: UtteranceRate[]; band: RateBand | undefined }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const inBand = (rate: number) => !band || (rate >= band.min && rate <= band.max);
    return {
      grid: { left: 48, right: 44, top: 28, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rates.map((r) => `#${r.utterance + 1} ${formatOffset(r.start)}`) },
      yAxis: {
        type: 'value',
        name: t('quality.rate.unit'),
        // Keep both edges of the band on the chart, whatever the rates are.
        min: (v: { min: number }) => Math.max(0, Math.floor((Math.min(v.min, band?.min ?? v.min) * 0.8) / 20) * 20),
        max: (v: { max: number }) => Math.ceil((Math.max(v.max, band?.max ?? v.max) * 1.1) / 20) * 20,
      },
      series: [
        {
          type: 'bar',
          name: t('quality.rate.series'),
          barMaxWidth: 28,
          data: rates.map((r) => ({ value: r.rate, itemStyle: { color: inBand(r.rate) ? '#5b8db8' : '#d4380d' } })),
          ...(band && {
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#389e0d' },
              label: { formatter: '{c}' },
              data: [{ yAxis: band.min }, { yAxis: band.max }],
            },
          }),
        },
      ],
    };
  }, [rates, band, t]);
  return (
    <Chart
      option={option}
      height={220}
      ariaLabel={t('quality.rate.aria', {
        rates: rates.map((r) => `#${r.utterance + 1}: ${r.rate}`).join(', '),
        band: band ? `${band.min}–${band.max}` : '—',
      })}
    />
  );
}
