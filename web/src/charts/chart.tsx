import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { echarts, type ChartOption } from './echarts';

interface ChartProps {
  option: ChartOption;
  height?: number;
  /** Describes the chart for screen readers; the figures should also be available as a table. */
  ariaLabel: string;
  loading?: boolean;
}

/**
 * An ECharts canvas that follows its container's width and the interface language. Import it only
 * from lazily loaded screens (see echarts.ts).
 */
export function Chart({ option, height = 280, ariaLabel, loading = false }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { locale } = useI18n();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas', locale: locale === 'en' ? 'EN' : 'ZH' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    // notMerge: a new option replaces the old one, so removed series do not linger.
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  useEffect(() => {
    if (loading) chart.current?.showLoading();
    else chart.current?.hideLoading();
  }, [loading, locale]);

  return <div ref={container} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
