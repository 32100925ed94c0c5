// Document checks of the web-crawler grader.
export const documentChecks = {}
