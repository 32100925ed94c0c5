/**
 * The monthly bill: the cost the fleet's instances run up, whether the learner's own verdict on the
 * budget follows from it, and whether it fits the scenario's budget at all.
 */
import {designCheck, figure} from 'course/kit'
import {assumptions, TOLERANCE} from './assumptions.js'

/** The monthly cost is instances × price × hours, and `within_budget` agrees with it. */
export const capacityCost = designCheck((design) => {
  const a = assumptions(design)
  const instances = design.quantity('/capacity/instances', 'count').value
  const cost = design.inUnit(design.quantity('/capacity/monthly_cost', 'money-rate'), 'USD/month')
  design.agree({
    pointer: '/capacity/monthly_cost',
    stated: cost,
    computed: instances * a.pricePerHour * a.hoursPerMonth,
    tolerance: TOLERANCE,
    working: `instances × the scenario's price × hours per month = ${figure(instances)} × ${figure(a.pricePerHour)} USD/hour × ${figure(a.hoursPerMonth)} hour/month`,
    unit: 'USD/month',
  })
  const stated = design.value('/capacity/within_budget')
  const fits = cost <= a.budget
  if (stated !== fits) {
    design.flaw('/capacity/within_budget', `${String(stated)}, but your monthly cost of ${figure(cost)} USD is ${fits ? 'within' : 'over'} the budget of ${figure(a.budget)} USD/month`)
  }
})

/** The fleet's cost, at the scenario's price, fits the scenario's budget. */
export const budget = designCheck((design) => {
  const a = assumptions(design)
  const instances = design.quantity('/capacity/instances', 'count').value
  const cost = instances * a.pricePerHour * a.hoursPerMonth
  if (cost > a.budget * (1 + 1e-9)) {
    design.flaw('/capacity/monthly_cost', `${figure(instances)} instances × ${figure(a.pricePerHour)} USD/hour × ${figure(a.hoursPerMonth)} hour/month = ${figure(cost)} USD/month, over the ${figure(a.budget)} USD/month budget by ${figure(cost - a.budget)} USD`)
  }
})
