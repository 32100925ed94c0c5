/**
 * The design's restatement of the scenario: every figure `assumptions` copies from the scenario
 * must be the scenario's (in any unit), or be listed under `departures` with a reason. This is the
 * one case that charges a wrong restatement; every other check computes from the scenario.
 */
import {designCheck, figure, parseQuantity, within} from 'course/kit'
import {coreKind, scenario} from './assumptions.js'

/** Each restated assumption, with the scenario figure it copies. */
const RESTATED: ReadonlyArray<readonly [string, string]> = [
  ['/assumptions/arrival_rate', 'uploads'],
  ['/assumptions/processing_time', 'processing_time'],
  ['/assumptions/instance/vcpus', 'instance_vcpus'],
  ['/assumptions/instance/physical_cores', 'instance_cores'],
  ['/assumptions/instance/price', 'price'],
  ['/assumptions/hours_per_month', 'hours_per_month'],
  ['/assumptions/budget', 'budget'],
  ['/assumptions/sla', 'sla'],
]

/** The restated figures are the scenario's; the job slot is the measured one, in vCPU or physical cores. */
export const assumptionsScenario = designCheck((design) => {
  for (const [pointer, id] of RESTATED) design.restated(pointer, id)
  // The slot: 4 vCPU, or the same slot counted in physical cores (2 cores on two threads per core).
  const pointer = '/assumptions/cores_per_job'
  const parsed = parseQuantity(design.value(pointer), 'cores')
  if (!parsed.ok) {
    design.flaw(pointer, parsed.message)
    return
  }
  const kind = coreKind(design.value(pointer))
  const vcpus = scenario(design, 'instance_vcpus', 'cores')
  const physical = scenario(design, 'instance_cores', 'cores')
  const slot = kind === 'vCPU' ? parsed.quantity.value : (parsed.quantity.value * vcpus) / physical
  const measured = design.figure('slot_vcpus')
  const departed = design.list('/departures').some((d) => (d as {figure?: unknown} | null)?.figure === 'slot_vcpus')
  if (!departed && !within(slot, measured, 0.01)) {
    const asCores = (measured * physical) / vcpus
    design.flaw(
      pointer,
      `\`${parsed.quantity.text}\` is a slot of ${figure(slot)} vCPU, but the processing time was measured on a slot of ${design.figureText('slot_vcpus')} (${figure(asCores)} physical cores on an instance with ${figure(vcpus)} vCPU on ${figure(physical)} cores); a figure measured on one slot does not transfer to another without measuring again`,
    )
  }
})
