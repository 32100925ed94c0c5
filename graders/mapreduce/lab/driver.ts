/**
 * The MapReduce lab's driver: runs in the sandbox beside the chosen module (the reference, or the
 * learner's with `--mine`) and plays one word-count job per input, returning its figures.
 */
import {defineDriver} from 'course/kit/driver'
import {runWordCount} from './job.js'
import type {JobInput} from './report.js'

export default defineDriver((module, input) => runWordCount(module, input as JobInput))
