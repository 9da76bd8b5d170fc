import { randomBytes } from 'node:crypto'
import { rm, writeFile, rename } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Write `data` to `path` through a temporary file in the same folder and a
 * rename, so readers never see a half-written file and a failure leaves the
 * previous output intact.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  // Same folder, so the rename stays on one file system and is atomic (POSIX rename(2)).
  // The random part keeps two writers of the same path from sharing a temp file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temp, data)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
