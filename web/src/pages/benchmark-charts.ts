import type { BenchReport } from '../api/types.ts';
import type { ChartOption } from '../components/chart.ts';
import { fmt, tip } from '../format.ts';

type Result = BenchReport['results'][number];

export const STAGES = ['bronze', 'silver', 'gold'];
export const scaleLabel = (scale: number) => `échelle ${fmt.num(scale)} (${fmt.int(scale * 10_000)} clients)`;

export function engines(results: Result[]): string[] {
  return [...new Set(results.map((r) => r.engine))];
}

export function scales(results: Result[]): number[] {
  return [...new Set(results.map((r) => r.scale))].sort((a, b) => a - b);
}

function find(results: Result[], engine: string, scale: number, stage: string): Result | undefined {
  return results.find((r) => r.engine === engine && r.scale === scale && r.stage === stage);
}

/** Whole-run seconds by scale, one line per engine; a log axis when scales span decades. */
export function totalsChart(results: Result[]): ChartOption {
  const xs = scales(results);
  const wide = xs.length > 1 && (xs.at(-1) ?? 1) / (xs[0] ?? 1) >= 100;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: xs.map((s) => `×${fmt.num(s)}`), name: 'échelle' },
    yAxis: { type: wide ? 'log' : 'value', name: 'secondes', axisLabel: { formatter: tip.seconds } },
    series: engines(results).map((e) => ({
      // One scale is one point: a bar reads better than a lone dot.
      name: e, type: xs.length > 1 ? ('line' as const) : ('bar' as const), symbolSize: 8,
      data: xs.map((s) => find(results, e, s, 'total')?.seconds ?? null), tooltip: { valueFormatter: tip.seconds },
    })),
  };
}

/** Seconds per stage at one scale, one bar per engine. */
export function stagesChart(results: Result[], scale: number): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', name: 'étape', data: STAGES },
    yAxis: { type: 'value', name: 'secondes', axisLabel: { formatter: tip.seconds } },
    series: engines(results).map((e) => ({
      name: e, type: 'bar' as const,
      data: STAGES.map((st) => find(results, e, scale, st)?.seconds ?? null), tooltip: { valueFormatter: tip.seconds },
    })),
  };
}

export function memoryChart(results: Result[]): ChartOption {
  const xs = scales(results);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', name: 'échelle', data: xs.map((s) => `×${fmt.num(s)}`) },
    yAxis: { type: 'value', name: 'mémoire (Mo)', axisLabel: { formatter: (v: number) => `${fmt.int(v)} Mo` } },
    series: engines(results).map((e) => ({
      name: e, type: 'bar' as const,
      data: xs.map((s) => find(results, e, s, 'total')?.peak_rss_mb ?? null),
      tooltip: { valueFormatter: (v: unknown) => `${tip.int(v)} Mo` },
    })),
  };
}
