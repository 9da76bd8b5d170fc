/** The outputs `samizdat build` can make. */
export const formats = ['html', 'pdf', 'epub', 'booklet', 'cover'] as const

/** One of the outputs `samizdat build` can make. */
export type Format = (typeof formats)[number]
