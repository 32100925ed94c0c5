// Generators and checks of the mapreduce grader: written next.
export const generators = {}
export const checks = {}
