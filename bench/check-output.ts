import { execFile } from 'node:child_process'
import { open, stat } from 'node:fs/promises'
import { promisify } from 'node:util'

/** What kind of file a tool was asked to make. */
export type OutputKind = 'pdf' | 'epub' | 'html'

/** What the checks found in a run's outputs. */
export interface OutputCheck {
  /** Pages of the first output, when it is a PDF. */
  readonly pages?: number
  /** Size of the first output. */
  readonly bytes?: number
  /** Every output that is missing or not what it claims to be. */
  readonly problems: readonly string[]
}

const run = promisify(execFile)

/**
 * Check each output is really there and really a PDF (poppler's pdfinfo
 * reads it and counts its pages), an EPUB (a zip whose first entry is the
 * stored `mimetype`) or an HTML document.
 */
export async function checkOutputs(outputs: readonly { readonly file: string; readonly kind: OutputKind }[]): Promise<OutputCheck> {
  const problems: string[] = []
  let pages: number | undefined
  let bytes: number | undefined
  for (const [index, { file, kind }] of outputs.entries()) {
    const size = await stat(file).then((info) => info.size, () => undefined)
    if (size === undefined || size === 0) {
      problems.push(`${file}: ${size === 0 ? 'empty' : 'missing'}`)
      continue
    }
    const head = await readHead(file, 64)
    if (index === 0) bytes = size
    const problem = kind === 'pdf' ? pdfProblem(head) : kind === 'epub' ? epubProblem(head) : htmlProblem(head)
    if (problem) {
      problems.push(`${file}: ${problem}`)
      continue
    }
    if (kind !== 'pdf') continue
    const counted = await pdfPages(file)
    if (typeof counted === 'string') problems.push(`${file}: ${counted}`)
    else if (index === 0) pages = counted
  }
  return { ...(pages !== undefined ? { pages } : {}), ...(bytes !== undefined ? { bytes } : {}), problems }
}

/** Page count by pdfinfo, or what went wrong. */
export async function pdfPages(file: string): Promise<number | string> {
  try {
    const { stdout } = await run('pdfinfo', [file], { maxBuffer: 1024 * 1024 })
    const pages = /^Pages:\s+(\d+)/m.exec(stdout)?.[1]
    return pages && Number(pages) > 0 ? Number(pages) : 'pdfinfo found no pages'
  } catch (error) {
    return `pdfinfo could not read it (${(error as Error).message.split('\n')[0]})`
  }
}

async function readHead(file: string, length: number): Promise<string> {
  const handle = await open(file)
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead).toString('latin1')
  } finally {
    await handle.close()
  }
}

function pdfProblem(head: string): string | undefined {
  return head.startsWith('%PDF-') ? undefined : 'not a PDF (no %PDF- header)'
}

// EPUB 3.3 OCF: the first zip entry is `mimetype`, stored, holding `application/epub+zip` (https://www.w3.org/TR/epub-33/#sec-zip-container-mime).
function epubProblem(head: string): string | undefined {
  return head.startsWith('PK\x03\x04') && head.slice(30, 58) === 'mimetypeapplication/epub+zip' ? undefined : 'not an EPUB (no stored mimetype entry first)'
}

function htmlProblem(head: string): string | undefined {
  return /<(!doctype html|html)/i.test(head) ? undefined : 'not an HTML document'
}
