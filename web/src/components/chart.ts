import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, LegendPlainComponent, MarkAreaComponent, TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkAreaComponentOption, TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { el } from '../dom.ts';

// Only the parts of ECharts the pages use, so the bundle carries nothing else.
use([
  BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendPlainComponent, DataZoomSliderComponent, DataZoomInsideComponent,
  VisualMapContinuousComponent, MarkAreaComponent, CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption | LineSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption
  | LegendComponentOption | DataZoomComponentOption | VisualMapComponentOption | MarkAreaComponentOption
>;

export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9', '#64748b'];

const live = new Set<ECharts>();
const pending = new Map<HTMLElement, ChartOption>();
const resizer = new ResizeObserver((entries) => {
  for (const entry of entries) for (const c of live) if (c.getDom() === entry.target) c.resize();
});

/**
 * A chart in its own box. `label` names it for screen readers and tests
 * (`[data-chart="…"]`). Charts follow their box's size (phone rotation,
 * window resize) and are disposed when the page changes.
 */
export function chart(label: string, option: ChartOption, options: { height?: number } = {}): HTMLElement {
  const box = el('div', { class: 'chart', role: 'img', 'aria-label': label, 'data-chart': label, style: `height:${options.height ?? 320}px` });
  // ECharts measures its box, so it starts once the box is in the document:
  // right after the code that built it, or when the router has attached the page.
  pending.set(box, option);
  queueMicrotask(mountCharts);
  return box;
}

/**
 * House defaults the options of each page need not repeat: the app's
 * colours and font, bars no wider than a thumb. Applied on every
 * `setOption`, first draw or update, so a chart redrawn with `notMerge`
 * (a new period) keeps them instead of falling back to the library's.
 */
function withDefaults(option: ChartOption): ChartOption {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return {
    color: PALETTE, animationDuration: 300, textStyle: { fontFamily: 'inherit', color: '#334155' },
    ...option,
    series: series.map((s) => (s.type === 'bar' ? { barMaxWidth: 56, ...s } : s)),
  };
}

/** Redraws a chart of this page with a new option (a new period): the whole option is replaced, the house defaults stay. */
export function updateChart(box: HTMLElement, option: ChartOption): void {
  chartOf(box)?.setOption(withDefaults(option), { notMerge: true });
}

/** Starts every chart whose box is now in the document. */
export function mountCharts(): void {
  for (const [box, option] of pending) {
    if (!box.isConnected) continue;
    pending.delete(box);
    const instance = init(box, undefined, { renderer: 'canvas' });
    instance.setOption(withDefaults(option));
    live.add(instance);
    resizer.observe(box);
  }
}

/** Called by the router before a page replaces the previous one. */
export function disposeCharts(): void {
  for (const c of live) {
    resizer.unobserve(c.getDom());
    c.dispose();
  }
  live.clear();
  pending.clear();
}

/** The live instance drawing in a box. */
function chartOf(box: HTMLElement): ECharts | undefined {
  for (const c of live) if (c.getDom() === box) return c;
  return undefined;
}
