/**
 * How the video-pipeline lab's day reads: the fleet and its queue over the day, the spread of
 * publish times against the SLA, and the three sizings side by side, with a line on what sizing
 * with the SLA in Little's law costs. Sized for 80 columns and about 22 lines.
 */
import {figure, type LabBlock, type Tone} from 'course/kit/lab'
import type {FleetRun, VideoPipelineDay} from './result.js'

const FLEET_NAMES: Record<FleetRun['sizing'], (run: FleetRun) => string> = {
  'as-designed': () => 'as designed',
  'instances-flag': (run) => `--instances ${run.instances}`,
  'sla-as-w': () => 'W = SLA',
  'flat-day': () => 'flat day',
}

function share(value: number): string {
  return value >= 1 ? '100 %' : `${(Math.floor(value * 1000) / 10).toFixed(1)} %`
}

function duration(min: number | null): string {
  if (min === null) return 'never'
  return min >= 120 ? `${figure(min / 60, 3)} h` : `${figure(min, 3)} min`
}

function verdict(run: FleetRun): {text: string; tone: Tone} {
  if (!run.meets_sla) return {text: 'misses SLA', tone: 'bad'}
  return run.over_provisioned ? {text: 'over-sized', tone: 'warn'} : {text: 'meets SLA', tone: 'good'}
}

function fleetTable(run: VideoPipelineDay): LabBlock {
  return {
    kind: 'table',
    columns: [
      {header: 'fleet'},
      {header: 'inst.', align: 'right'},
      {header: 'in SLA', align: 'right'},
      {header: 'p99', align: 'right'},
      {header: 'busy', align: 'right'},
      {header: 'at peak', align: 'right'},
      {header: 'USD/month', align: 'right'},
      {header: 'verdict'},
    ],
    rows: run.fleets.map((fleet) => {
      const {text, tone} = verdict(fleet)
      const cost: Tone | undefined = fleet.monthly_cost_usd > run.scenario.budget_usd_per_month ? 'bad' : undefined
      return {
        cells: [FLEET_NAMES[fleet.sizing](fleet), String(fleet.instances), share(fleet.within_sla_share), duration(fleet.p99_min), fleet.utilisation.toFixed(2), fleet.busiest_hour_utilisation.toFixed(2), figure(Math.round(fleet.monthly_cost_usd)), text],
        tones: [undefined, undefined, fleet.within_sla_share < 0.99 ? 'bad' : undefined, fleet.meets_sla ? undefined : 'bad', undefined, undefined, cost, tone],
      }
    }),
  }
}

/** The lines under the table: the design's own miss, if it misses, and what the SLA in Little's law buys. */
function conclusions(run: VideoPipelineDay): LabBlock[] {
  const [own, sla] = run.fleets
  const lines: LabBlock[] = []
  if (own && !own.meets_sla) {
    lines.push({kind: 'text', text: `This fleet misses the SLA: ${share(own.within_sla_share)} of videos are published within ${figure(run.scenario.sla_min)} min.`})
  }
  if (sla?.over_provisioned) {
    const needed = run.littles_law
    lines.push(
      {kind: 'text', text: `Little's law with W = SLA sizes ${sla.instances} instances; with W = processing time, ${needed.instances}.`},
      {kind: 'text', text: `The extra ${sla.instances - needed.instances} add ${figure(Math.round(sla.monthly_cost_usd - needed.monthly_cost_usd))} USD/month; busy ${sla.busiest_hour_utilisation.toFixed(2)} at the peak: over-provisioned.`},
    )
  }
  return lines
}

export function dayView(run: VideoPipelineDay): LabBlock[] {
  const own = run.fleets[0]!
  const whose = run.source === 'mine' ? 'Your design' : 'The reference design'
  const sla = run.scenario.sla_min
  const p99 = run.day.p99_publish_min.map((m) => m ?? Number.NaN)
  const late = run.day.p99_publish_min.some((m) => m === null || m > sla)
  return [
    {kind: 'title', text: `${whose}: ${own.instances} instances × ${run.scenario.slots_per_instance} slots, one simulated day, seed ${run.seed}`},
    ...(run.declined ? [{kind: 'text', text: `The day could not be simulated: ${run.declined}.`} as const] : []),
    ...(run.assumed.length > 0 ? [{kind: 'text', text: `Where the design is silent or odd, the day runs with: ${run.assumed.join('; ')}.`} as const] : []),
    {
      kind: 'series',
      title: `Over the day, per ${run.day.step_min} min (busiest hour in the middle)`,
      xUnit: 'h',
      x: run.day.hours,
      lines: [
        {label: 'busy slots', values: run.day.busy_slots},
        {label: 'queued tasks', values: run.day.queued_tasks},
        {label: 'p99 publish', values: p99, unit: 'min', tone: late ? 'bad' : 'good'},
      ],
    },
    {
      kind: 'histogram',
      title: `Publish times of the day's ${figure(own.videos)} videos, in minutes (SLA: ${figure(sla)} min)`,
      buckets: run.publish_times.map((b) => ({
        label: b.to_min === null ? `${figure(b.from_min)}+` : `${figure(b.from_min)}–${figure(b.to_min)}`,
        count: b.count,
        tone: b.to_min !== null && b.to_min <= sla ? 'good' : 'bad',
      })),
    },
    fleetTable(run),
    ...conclusions(run),
  ]
}
