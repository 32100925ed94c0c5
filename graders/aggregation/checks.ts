// Generators and checks of the aggregation grader: written next.
export const generators = {}
export const checks = {}
