/**
 * The web-crawler grader, assembled from its concerns: the design document's checks
 * (design-checks.ts), and for the code, URL normalisation (normalise.ts), robots.txt (robots.ts)
 * and the frontier (frontier.ts). Each generator builds per-learner inputs from the case's seeded
 * stream, with what must come back computed by the independent models (models.ts); each check
 * names the rule behind the first wrong answer without revealing a hidden case's inputs.
 */
import {defineGrader} from 'course/kit'
import {documentChecks} from './design-checks.js'
import {frontierCheck, frontierGenerators} from './frontier.js'
import {normaliseCheck, normaliseGenerators} from './normalise.js'
import {robotsCheck, robotsGenerators} from './robots.js'

export default defineGrader({
  documentChecks,
  generators: {...normaliseGenerators, ...robotsGenerators, ...frontierGenerators},
  checks: {
    normalize: normaliseCheck,
    robots: robotsCheck,
    frontier: frontierCheck,
  },
})
