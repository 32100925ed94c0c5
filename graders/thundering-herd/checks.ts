// Document checks of the thundering-herd grader.
export const documentChecks = {}
