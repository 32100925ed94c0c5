// Document checks of the hot-partition grader.
export const documentChecks = {}
