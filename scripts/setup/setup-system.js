#!/usr/bin/env node
// Installs the system packages samizdat needs (Chromium, poppler, EPUBCheck,
// pandoc for the reference tests) where the machine allows it: Debian + root.
// Elsewhere it names what is missing and how to get it, and exits non-zero.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const needs = [
  { pkg: 'chromium', path: '/usr/bin/chromium', why: 'renders the PDF' },
  { pkg: 'poppler-utils', path: '/usr/bin/pdftotext', why: 'reads PDFs back in the tests' },
  { pkg: 'mupdf-tools', path: '/usr/bin/mutool', why: 'checks imposed PDFs in the tests' },
  { pkg: 'epubcheck', path: '/usr/share/java/epubcheck.jar', why: 'validates the EPUB' },
  { pkg: 'pandoc', path: '/usr/bin/pandoc', why: 'reference citeproc output in the tests and the benchmark' },
  { pkg: 'citation-style-language-styles', path: '/usr/share/citation-style-language/styles/apa.csl', why: 'CSL styles by name' },
  { pkg: 'citation-style-language-locales', path: '/usr/share/citation-style-language/locales/locales-en-GB.xml', why: 'CSL locales' },
  { pkg: 'default-jre-headless', path: '/usr/bin/java', why: 'runs EPUBCheck' },
  { pkg: 'ghostscript', path: '/usr/bin/gs', why: 'converts the print PDF to PDF/X for a print shop (--pdfx)' },
]
// `--for build` needs only the browser; the tests need everything.
const forBuild = process.argv.includes('build')
const missing = needs.filter((need) => (!forBuild || need.pkg === 'chromium') && !existsSync(need.path))
if (missing.length === 0) process.exit(0)

const names = missing.map((need) => need.pkg)
if (process.env['SAMIZDAT_CHROMIUM'] && forBuild) process.exit(0)
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`samizdat: missing system packages: ${names.join(', ')}`)
  for (const need of missing) console.error(`  ${need.pkg}: ${need.why}`)
  console.error(`Install them with: sudo apt-get install -y ${names.join(' ')}`)
  process.exit(1)
}
console.error(`samizdat: installing ${names.join(', ')} with apt-get…`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env })
