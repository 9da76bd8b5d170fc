import { realpathSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The file under `root` that the URL path `pathname` names, or undefined when
 * it names nothing servable: a path that climbs out of `root` (`..`, encoded
 * or not, or a symbolic link leading out), a hidden file (the atomic writer's
 * temp files start with a dot), a folder (no listings) or a missing file.
 */
export function resolveBuildFile(root: string, pathname: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined
  const segments = decoded.split('/').filter(Boolean)
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) return undefined
  const base = realpathSync(root)
  const candidate = path.resolve(base, ...segments)
  if (!inside(base, candidate)) return undefined
  try {
    const real = realpathSync(candidate)
    return inside(base, real) && statSync(real).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}
