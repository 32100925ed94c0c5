/**
 * The web crawler's lab (`course run web-crawler`): the reference design's fetch pool, or the
 * learner's, through one simulated day against its daily target, beside two crawls that cannot
 * keep up: the busy slots rounded up (the "minimum" the README corrects), and the design's pool
 * with too few hosts for the politeness delay.
 */
import {defineLab} from 'course/kit/lab'
import {designCrawl} from '../crawl-plan.js'
import {CRAWL_MODEL, simulateCrawl} from '../simulate-crawl.js'
import {crawlSeries, poolRun, type PoolRun, type WebCrawlerDay} from './result.js'
import {crawlView} from './view.js'

/** When the lost machine goes down: mid-morning, so the day has hours left to catch up in. */
const OUTAGE_START = 10 * 3600

export default defineLab<WebCrawlerDay>({
  async run(values, context) {
    if (!context.figures) throw new Error("the web-crawler lab needs the unit's scenario figures")
    const seed = Number(values.seed)
    const asked = Number(values.workers)
    const outageLength = Number(values.outage)
    const outage = outageLength > 0 ? {start: OUTAGE_START, duration: outageLength} : undefined
    const hosts = Number(values.hosts)
    const read = (options: {hosts: number; workers?: number}) => designCrawl(context.document, context.figures!, context.quantity, {...options, ...(outage ? {outage} : {})})
    const own = read({hosts, ...(asked > 0 ? {workers: asked} : {})})
    const f = own.figures
    const needed = f.pages_per_day * f.default_delay
    const crawls: Array<[PoolRun['sizing'], ReturnType<typeof read>]> = [
      [asked > 0 ? 'workers-flag' : 'as-designed', own],
      ['busy-slots', read({hosts, workers: Math.ceil(f.pages_per_day * f.fetch_latency - 1e-9)})],
      ['few-hosts', read({hosts: Math.max(1, Math.floor(needed / 2)), workers: own.workers})],
    ]
    const outcomes = crawls.map(([sizing, crawl]) => {
      context.progress?.(`crawling the day with ${crawl.workers} workers and ${crawl.hosts} hosts (${sizing})`)
      return simulateCrawl(crawl.plan, seed)
    })
    return {
      source: context.source,
      seed,
      assumed: own.assumed,
      scenario: {
        pages_per_day: Math.round(f.pages_per_day * 86_400),
        pages_per_second: Number(f.pages_per_day.toFixed(3)),
        fetch_latency_s: f.fetch_latency,
        host_delay_s: f.default_delay,
        workers_per_machine: f.slots_per_machine,
        hosts_needed: Number(needed.toFixed(1)),
      },
      model: {
        simulated: "one machine's share of hosts and pages (hosts are partitioned over the machines), scaled to the whole crawl",
        failure_shares: {...CRAWL_MODEL.failures},
        time_spread: CRAWL_MODEL.spread,
        outage: outage ? {from_h: outage.start / 3600, hours: Number((outage.duration / 3600).toFixed(2))} : null,
      },
      pools: crawls.map(([sizing, crawl], i) => poolRun(sizing, crawl, outcomes[i]!)),
      behind: crawls.map(([, crawl], i) => crawlSeries(crawl, outcomes[i]!).pages_behind),
      day: crawlSeries(own, outcomes[0]!),
    }
  },

  view: crawlView,
})
