// Document checks of the graceful-degradation grader.
export const documentChecks = {}
