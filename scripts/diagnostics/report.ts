import type { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'

/** Options for {@link reportFiles}. */
export interface ReportOptions {
  /** Count warnings as failures (`--strict`). */
  readonly strict: boolean
  readonly color?: boolean
}

/**
 * Print every file's messages together, in the `file:line:col  severity
 * message  rule` shape, and say whether the build failed.
 */
export function reportFiles(files: readonly VFile[], options: ReportOptions): { text: string; failed: boolean } {
  const withMessages = files.filter((file) => file.messages.length > 0)
  const failed = files.some((file) => file.messages.some((message) => message.fatal === true || (options.strict && message.fatal === false)))
  if (withMessages.length === 0) return { text: '', failed }
  const text = reporter(withMessages, { quiet: true, color: options.color ?? false })
  return { text, failed }
}
