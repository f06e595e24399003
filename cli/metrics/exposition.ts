// The Prometheus text exposition of a running script's statistics, written
// by prom-client: at each scrape the statistics are read as they are then
// (groups and names counted since the last scrape included) into a registry
// of counters and gauges (families.ts names them), beside the process
// metrics prom-client keeps (CPU, memory, event loop lag; prefixed siprc_).

import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { StatisticsRegistry } from '../../runtime/stats/registry.js';
import { PREFIX, seriesOf, type Series } from './families.js';

/** The process metrics, kept across scrapes (the event loop lag is measured over time). */
export function processMetrics(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  return registry;
}

/** Every statistic as a prom-client metric in a new registry. */
export function statisticsRegistry(statistics: StatisticsRegistry): Registry {
  const registry = new Registry();
  const families = new Map<string, Counter<string> | Gauge<string>>();
  for (const group of statistics.groups()) {
    for (const name of group.names()) {
      const series = seriesOf(group.name, name, group.info(name));
      let metric = families.get(series.family);
      if (!metric) families.set(series.family, (metric = familyOf(series, registry)));
      const value = group.get(name);
      if (metric instanceof Counter && value >= 0) metric.inc(series.labels, value);
      else if (metric instanceof Gauge) metric.set(series.labels, value);
    }
  }
  return registry;
}

function familyOf(series: Series, registry: Registry): Counter<string> | Gauge<string> {
  const config = { name: series.family, help: series.help, labelNames: Object.keys(series.labels), registers: [registry] };
  return series.kind === 'counter' ? new Counter(config) : new Gauge(config);
}

/** The text a scrape gets, and its content type. */
export async function scrape(statistics: StatisticsRegistry, process: Registry | undefined): Promise<{ readonly body: string; readonly contentType: string }> {
  const stats = statisticsRegistry(statistics);
  const merged = process ? Registry.merge([stats, process]) : stats;
  return { body: await merged.metrics(), contentType: merged.contentType };
}
