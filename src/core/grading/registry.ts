import type {GraderModule} from './definition.js'

/**
 * The code parts of graders (`graders/<unit>/checks.ts`), each loaded only when its unit is
 * graded. Units whose cases are all literal data need no entry.
 */
const MODULES: Record<string, () => Promise<GraderModule>> = {
  'load-balancer': () => import('../../../graders/load-balancer/checks.js'),
  'work-stealer': () => import('../../../graders/work-stealer/checks.js'),
  'task-queue': () => import('../../../graders/task-queue/checks.js'),
  mapreduce: () => import('../../../graders/mapreduce/checks.js'),
  aggregation: () => import('../../../graders/aggregation/checks.js'),
  'video-pipeline': () => import('../../../graders/video-pipeline/checks.js'),
  'web-crawler': () => import('../../../graders/web-crawler/checks.js'),
  'thundering-herd': () => import('../../../graders/thundering-herd/checks.js'),
  'hot-partition': () => import('../../../graders/hot-partition/checks.js'),
  'graceful-degradation': () => import('../../../graders/graceful-degradation/checks.js'),
}

export async function graderModule(unit: string): Promise<GraderModule> {
  const load = MODULES[unit]
  return load ? load() : {}
}
