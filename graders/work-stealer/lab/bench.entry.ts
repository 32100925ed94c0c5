/** What the benchmarks import from the build: the lab's thread runner, workloads and the simulation core. */
export {runStrategies} from './threads.js'
export {generateWorkload, randomFromSeed, Simulation} from 'course/kit/lab'
