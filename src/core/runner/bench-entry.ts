/** What the benchmarks import from the build: the thread runner, workloads and the simulation core. */
export {runStrategies} from './run.js'
export {generateWorkload} from '../sim/workloads.js'
export {Simulation} from '../sim/simulation.js'
export {randomFromSeed} from '../random.js'
