/** The words a cross-reference is made of, in one language: `[singular, plural]` per kind of target. */
export interface CrossReferenceTerms {
  readonly fig: readonly [string, string]
  readonly tbl: readonly [string, string]
  readonly eq: readonly [string, string]
  readonly lst: readonly [string, string]
  readonly sec: readonly [string, string]
  /** A reference to a chapter (an `h1`). */
  readonly chapter: readonly [string, string]
  /** Before the last of several numbers: "Figures 1, 2 and 3". */
  readonly and: string
}

// As a running text writes them ("see Figure 3", "in section 4.1"); capitalised at a sentence's start.
const terms: Record<string, CrossReferenceTerms> = {
  en: { fig: ['Figure', 'Figures'], tbl: ['Table', 'Tables'], eq: ['equation', 'equations'], lst: ['Listing', 'Listings'], sec: ['section', 'sections'], chapter: ['chapter', 'chapters'], and: 'and' },
  de: { fig: ['Abbildung', 'Abbildungen'], tbl: ['Tabelle', 'Tabellen'], eq: ['Gleichung', 'Gleichungen'], lst: ['Listing', 'Listings'], sec: ['Abschnitt', 'Abschnitte'], chapter: ['Kapitel', 'Kapitel'], and: 'und' },
  fr: { fig: ['figure', 'figures'], tbl: ['tableau', 'tableaux'], eq: ['équation', 'équations'], lst: ['listing', 'listings'], sec: ['section', 'sections'], chapter: ['chapitre', 'chapitres'], and: 'et' },
  es: { fig: ['figura', 'figuras'], tbl: ['tabla', 'tablas'], eq: ['ecuación', 'ecuaciones'], lst: ['listado', 'listados'], sec: ['sección', 'secciones'], chapter: ['capítulo', 'capítulos'], and: 'y' },
  it: { fig: ['figura', 'figure'], tbl: ['tabella', 'tabelle'], eq: ['equazione', 'equazioni'], lst: ['listato', 'listati'], sec: ['sezione', 'sezioni'], chapter: ['capitolo', 'capitoli'], and: 'e' },
  nl: { fig: ['figuur', 'figuren'], tbl: ['tabel', 'tabellen'], eq: ['vergelijking', 'vergelijkingen'], lst: ['listing', 'listings'], sec: ['paragraaf', 'paragrafen'], chapter: ['hoofdstuk', 'hoofdstukken'], and: 'en' },
  pt: { fig: ['figura', 'figuras'], tbl: ['tabela', 'tabelas'], eq: ['equação', 'equações'], lst: ['listagem', 'listagens'], sec: ['seção', 'seções'], chapter: ['capítulo', 'capítulos'], and: 'e' },
}

/** Cross-reference words for a BCP 47 tag, falling back to English. */
export function crossReferenceTerms(lang: string): CrossReferenceTerms {
  return terms[lang.toLowerCase().split('-')[0] ?? 'en'] ?? terms['en']!
}
