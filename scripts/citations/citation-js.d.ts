// The parts of citation-js (which ships no types) and of the citeproc-js engine
// it wraps that samizdat uses. citeproc-js API:
// https://citeproc-js.readthedocs.io/en/latest/running.html

declare module '@citation-js/core' {
  /** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
  export interface CslItem {
    id: string
    type?: string
    [field: string]: unknown
  }

  /** One cite of a citation cluster, as citeproc-js takes it. */
  export interface CiteprocCiteItem {
    id: string
    locator?: string
    label?: string
    prefix?: string
    suffix?: string
    'suppress-author'?: boolean
  }

  /** A citation cluster, as citeproc-js takes it. */
  export interface CiteprocCitation {
    citationID: string
    citationItems: CiteprocCiteItem[]
    properties: { noteIndex: number; mode?: 'author-only' | 'suppress-author' | 'composite'; unsorted?: boolean }
  }

  /** `makeBibliography()`'s first value. */
  export interface CiteprocBibliographyParams {
    entry_ids: string[][]
    hangingindent?: boolean | number
    'second-field-align'?: false | 'flush' | 'margin'
    bibstart: string
    bibend: string
  }

  /** The citeproc-js engine (`CSL.Engine`). */
  export interface CiteprocEngine {
    rebuildProcessorState(
      citations: CiteprocCitation[],
      mode: 'html' | 'text',
      uncitedItemIDs: string[],
    ): Array<[citationID: string, noteIndex: number, output: string]>
    makeCitationCluster(items: Array<CiteprocCiteItem & { position?: number }>): string
    updateUncitedItems(ids: string[]): void
    makeBibliography(): [CiteprocBibliographyParams, string[]] | false
    registry: { registry: Record<string, { seq: number } | undefined> }
    opt: { development_extensions: Record<string, boolean> }
  }

  interface Register<T> {
    set(key: string, value: T): Register<T>
    has(key: string): boolean
    get(key: string): T | undefined
    list(): string[]
  }

  /** The `@csl` plugin's configuration (`@citation-js/plugin-csl`). */
  export interface CslPluginConfig {
    styles: Register<string>
    locales: Register<string>
    engine(items: CslItem[], style: string, lang: string, format: 'html' | 'text'): CiteprocEngine
  }

  /** The `@bibtex` plugin's configuration (`@citation-js/plugin-bibtex`). */
  export interface BibtexPluginConfig {
    parse: { biblatex: boolean; strict: boolean; sentenceCase: 'never' | 'english' | 'always' }
  }

  export const plugins: {
    input: {
      chain(data: unknown, options: { forceType?: string; target?: string; generateGraph?: boolean }): unknown
    }
    config: {
      get(name: '@csl'): CslPluginConfig
      get(name: '@bibtex'): BibtexPluginConfig
    }
  }
}

declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-ris'

// citation-js's BibTeX stages, used one by one so that a bad field costs only
// that field (https://github.com/citation-js/citation-js/tree/main/packages/plugin-bibtex/src).
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  /** One entry as written: field values are raw TeX (after `@string` expansion). */
  export interface BibtexRawEntry {
    type: string
    label: string
    properties: Record<string, string | number>
    annotations?: Record<string, Record<string, string>>
  }
  export function parse(text: string): BibtexRawEntry[]
}

declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  /** One field's TeX value to text (names to name objects, lists to arrays). */
  export function parse(text: string, field: string, languages?: unknown): unknown
  export function parseAnnotation(text: string): unknown
  interface GrammarContext {
    state: { sentenceCase: boolean; afterPunctuation: boolean; afterColon?: boolean }
    matchToken(type: string): boolean
  }
  /** The value parser's grammar: one function per rule, called with the parser as `this`. */
  export const valueGrammar: { rules: Record<string, (this: GrammarContext) => string> }
}

declare module '@citation-js/plugin-bibtex/lib/mapping/index.js' {
  import type { CslItem } from '@citation-js/core'
  export interface BibtexValuedEntry {
    type: string
    label: string
    properties: Record<string, unknown>
  }
  /** BibLaTeX fields → CSL-JSON, with `crossref`/`xdata` inheritance. */
  export function parse(entries: BibtexValuedEntry[]): CslItem[]
  export function parseBibtex(entries: BibtexValuedEntry[]): CslItem[]
}

declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  /** Field name → [kind, type], e.g. `title` → `['field', 'title']` (sentence-cased). */
  export const fieldTypes: Record<string, [string, string]>
}
