/** How long the corpus's documents are: shared by the generator and by the costs that keep a typical map task at 60 s. */
export const WORDS_PER_DOCUMENT = {min: 60, max: 240} as const
export const MEAN_WORDS_PER_DOCUMENT = (WORDS_PER_DOCUMENT.min + WORDS_PER_DOCUMENT.max) / 2
