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
    properties: { noteIndex: number; mode?: 'author-only' | 'suppress-author' | 'composite' }
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
