import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useShallow } from 'zustand/react/shallow';
import { useColorScheme } from '../../lib/use-color-scheme';
import { selectEnvironments } from '../../store/selectors';
import { useTurnout } from '../../store/store-context';
import { chartData, chartHeight } from './chart-data';

const X_TICK_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300];

/**
 * Requests per second per environment over the last five minutes (uPlot on a canvas). The
 * chart is built once per set of environments and colour scheme; new samples only reset its data.
 */
export function LiveChart() {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  const envs = useTurnout(useShallow((s) => selectEnvironments(s).map((env) => `${env.name}\n${env.color}`)));
  const samples = useTurnout((s) => s.samples);
  const loaded = useTurnout((s) => s.metricsLoaded);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const styles = getComputedStyle(element);
    const muted = styles.getPropertyValue('--muted').trim() || '#888';
    const grid = styles.getPropertyValue('--border').trim() || '#ddd';
    const parsed = envs.map((entry) => entry.split('\n') as [string, string]);
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const width = element.clientWidth || 600;
    const chart = new uPlot(
      {
        width,
        height: chartHeight(width),
        cursor: { drag: { x: false, y: false } },
        // A live legend reads "--" until hovered: show the names and colours only.
        legend: { live: false },
        scales: { y: { range: (_self, _min, max) => [0, Math.max(5, max * 1.15)] } },
        // Samples are a second apart: never tick between them (uPlot would label ":21.500").
        axes: [{ ...axis, incrs: X_TICK_SECONDS, space: 60 }, { ...axis, label: 'req/s', size: 56 }],
        series: [{}, ...parsed.map(([name, color]) => ({ label: name, stroke: color, width: 2, fill: `${color}22`, points: { show: false } }))],
      },
      chartData([], parsed.map(([name]) => name)),
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() => {
      const next = element.clientWidth;
      if (next > 0 && next !== chart.width) chart.setSize({ width: next, height: chartHeight(next) });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [envs, scheme]);

  useEffect(() => {
    plot.current?.setData(chartData(samples, envs.map((entry) => entry.split('\n')[0]!)));
  }, [samples, envs, scheme]);

  return (
    <section className="card chart" aria-labelledby="chart-title">
      <h2 id="chart-title" className="section-title">
        Requests per second
      </h2>
      <div className="chart-frame">
        <div ref={box} className="chart-box" role="img" aria-label="Requests per second per environment over the last minutes" />
        {samples.length === 0 && <p className="chart-empty muted">{loaded ? 'No traffic figures yet: they arrive once a second while the proxy runs.' : 'Loading traffic figures…'}</p>}
      </div>
    </section>
  );
}
