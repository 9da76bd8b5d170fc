import { StepTimeoutError } from '../print/browser/time-limit.ts'

/**
 * Say what went wrong when a command fails for a reason that is not a problem
 * in the book (Chromium missing, a disk full, a bug): the message, what to
 * try, and the stack only when `SAMIZDAT_DEBUG` is set.
 */
export function reportCrash(error: unknown, stream: NodeJS.WritableStream): void {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  stream.write(`samizdat: ${message}\n`)
  if (code === 'ENOSPC') stream.write('  the disk is full: free some space and build again\n')
  else if (code === 'EACCES' || code === 'EPERM') stream.write('  samizdat may not write there: choose another --out folder\n')
  else if (error instanceof StepTimeoutError) stream.write('  the step took too long; a very long table or an enormous image is the usual cause\n')
  if (process.env['SAMIZDAT_DEBUG'] && error instanceof Error && error.stack) stream.write(`${error.stack}\n`)
  else stream.write('  (set SAMIZDAT_DEBUG=1 to see where it happened)\n')
}
