/**
 * Hidden cases of the mapreduce grader. Generators build text, task tables and job tables from
 * each learner's seeded stream and compute with the independent models (models.ts) what must come
 * back. Each hidden case opens with scripted episodes that every learner gets (ties, thresholds met
 * exactly, empty inputs, a map-only job…), then adds random breadth; the `episodes` check compares
 * call by call and names the rule of each episode that went wrong. Each concern has its file: the map
 * side (tokenizer and combiner), the partitioner, the whole job and its shuffle, the master's
 * speculation and re-execution, validation and purity.
 * Hidden feedback never shows inputs or expected values.
 */
import {defineGrader} from 'course/kit'
import {episodesCheck} from './episodes.js'
import {jobCounts, jobFigures, shuffleAccounting} from './job.js'
import {combineRandom, tokenizeRandom} from './map-phase.js'
import {rerunRandom, speculateRandom} from './master.js'
import {fnvRandom, partitionBalance, partitionBalanceGenerator} from './partition.js'
import {repeatable, validationPurity} from './validation.js'

export default defineGrader({
  generators: {
    'tokenize-random': tokenizeRandom,
    'combine-random': combineRandom,
    'fnv-random': fnvRandom,
    'partition-balance': partitionBalanceGenerator,
    'job-counts': jobCounts,
    'shuffle-accounting': shuffleAccounting,
    'speculate-random': speculateRandom,
    'rerun-random': rerunRandom,
    'validation-purity': validationPurity,
  },
  checks: {
    episodes: episodesCheck,
    repeatable,
    'job-figures': jobFigures,
    'partition-balance': partitionBalance,
  },
})
