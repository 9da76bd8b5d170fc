import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** samizdat's own checkout (where `npm link` puts `samizdat` on the PATH from). */
export const checkoutDir = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Whether an executable `name` is on `PATH` (as a shell would find it), so
 * `init` can say how to put `samizdat` there before telling the user to run it.
 */
export function commandOnPath(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)
  const suffixes = process.platform === 'win32' ? (env['PATHEXT'] ?? '.CMD;.EXE').split(';') : ['']
  return dirs.some((dir) =>
    suffixes.some((suffix) => {
      try {
        accessSync(path.join(dir, name + suffix), constants.X_OK)
        return true
      } catch {
        return false
      }
    }),
  )
}
