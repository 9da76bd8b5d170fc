import { fileURLToPath } from 'node:url'

/** Where the styles, fonts and CSL files that ship with samizdat live. */
export const stylesDir = fileURLToPath(new URL('../../styles/', import.meta.url))
