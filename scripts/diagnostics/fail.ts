import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** Where a problem is: a point or a range in the source. */
export type Place = Point | Position

/** Error thrown when a stage cannot produce output; carries the files with their messages. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly files: readonly VFile[],
  ) {
    super(message)
    this.name = 'BuildError'
  }
}

/**
 * Record a fatal problem on `file` and stop the build. The message keeps its
 * place, so the reporter prints `file:line:col`.
 */
export function failFile(file: VFile, reason: string, ruleId: string, place?: Place): never {
  const message: VFileMessage = file.message(reason, { ruleId, source: 'samizdat', ...(place ? { place } : {}) })
  message.fatal = true
  throw new BuildError(reason, [file])
}

/** Record a warning on `file` with its place, rule and source. */
export function warn(file: VFile, reason: string, ruleId: string, place?: Place): VFileMessage {
  return file.message(reason, { ruleId, source: 'samizdat', ...(place ? { place } : {}) })
}
