/** The paper sizes `--sheet` accepts. */
export const sheetNames = ['A5', 'A4', 'A3', 'letter', 'tabloid'] as const

/** One of the paper sizes `--sheet` accepts. */
export type SheetName = (typeof sheetNames)[number]
