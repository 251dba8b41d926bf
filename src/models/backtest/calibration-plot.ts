import type { BacktestResult } from './run-backtest.ts';

/**
 * The calibration plot of a backtest as an SVG document: for each model,
 * mean predicted probability against the observed share of buyers in each
 * decile of prediction, with the diagonal a perfect model follows. Drawn by
 * ECharts' server-side renderer (no DOM, no browser), the library the
 * dashboard already uses; loaded only when a plot is made.
 */
export async function calibrationSvg(result: BacktestResult): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height: 540 });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: {
        text: 'Calibration of prob_reachat_12m',
        subtext: `fitted on history to ${result.cutoff}, outcomes to ${result.asOf}; one point per decile of prediction`,
        left: 'center',
      },
      // Top left, inside the plot: calibration curves never go there (high observed share, low prediction).
      legend: { orient: 'vertical', left: 90, top: 95, backgroundColor: '#ffffff' },
      color: ['#999999', '#e07b39', '#2f6db5', '#3a9d5d'],
      grid: { left: 70, right: 30, top: 80, bottom: 60 },
      xAxis: { type: 'value', name: 'mean predicted probability', nameLocation: 'middle', nameGap: 30, min: 0, max: 1 },
      yAxis: { type: 'value', name: 'observed share who bought', nameLocation: 'middle', nameGap: 45, min: 0, max: 1 },
      series: [
        {
          name: 'perfect calibration',
          type: 'line',
          data: [[0, 0], [1, 1]],
          symbol: 'none',
          lineStyle: { type: 'dashed' },
        },
        ...result.models.map((m) => ({
          name: `${m.model} (AUC ${fixed(m.metrics['auc'])}, Brier ${fixed(m.metrics['brier'])})`,
          type: 'line',
          data: m.calibration.map((d) => [d.mean_prob, d.observed_rate]),
          symbolSize: 7,
        })),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function fixed(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(3);
}
