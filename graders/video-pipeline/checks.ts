// Document checks of the video-pipeline grader.
export const documentChecks = {}
