/**
 * The task queue lab's driver: runs in the sandbox beside the chosen module (the reference, or the
 * learner's with `--mine`) and plays one dashboard run per input. It returns only the summary.
 */
import {defineDriver} from 'course/kit/driver'
import {runDashboard} from './dashboard.js'
import type {DashboardInput} from './report.js'

export default defineDriver((module, input) => runDashboard(module, input as DashboardInput))
