import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { findChromium } from '../../scripts/print/browser/find-chromium.ts'

const run = promisify(execFile)
const wanted = new Set(['schema:accessMode', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary', 'schema:accessModeSufficient'])

/** What Ace by DAISY found in an EPUB. */
export interface AceResult {
  /** `document: rule title` of every violation. */
  readonly violations: string[]
  /** `pass` or `fail`. */
  readonly outcome: string
  /** Accessibility metadata that EPUB Accessibility 1.1 requires or recommends and Ace did not find. */
  readonly missingMetadata: string[]
}

/** The ace-cli of the dev dependencies, or undefined when it is not installed. */
export const aceCli = existsSync(path.resolve('node_modules/.bin/ace-cli')) ? path.resolve('node_modules/.bin/ace-cli') : undefined

/**
 * Run Ace (`@daisy/ace-cli`) on `epub`, its report in `outdir`. Ace drives
 * Puppeteer's own Chromium, which is never downloaded here: it runs the
 * system's (PUPPETEER_EXECUTABLE_PATH), on local files only.
 */
export async function runAce(epub: string, outdir: string): Promise<AceResult> {
  if (!aceCli) throw new Error('@daisy/ace-cli is not installed')
  await run(aceCli, ['--force', '--silent', '--outdir', outdir, epub], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: findChromium() },
    timeout: 240_000,
  })
  const report = JSON.parse(readFileSync(path.join(outdir, 'report.json'), 'utf8')) as {
    'earl:result': { 'earl:outcome': string }
    'a11y-metadata'?: { missing?: string[] }
    assertions: { 'earl:testSubject': { url: string }; assertions?: { 'earl:test': { 'dct:title': string } }[] }[]
  }
  return {
    violations: report.assertions.flatMap((document) => (document.assertions ?? []).map((a) => `${document['earl:testSubject'].url}: ${a['earl:test']['dct:title']}`)),
    outcome: report['earl:result']['earl:outcome'],
    // Ace lists every property it knows as missing, optional ones (certifierCredential, certifierReport) too.
    missingMetadata: (report['a11y-metadata']?.missing ?? []).filter((name) => wanted.has(name)),
  }
}
