/** The words samizdat itself puts into a book, in the book's language. */
export interface Terms {
  readonly contents: string
  readonly notes: string
  readonly backToText: string
  readonly bibliography: string
  readonly references: string
  readonly page: string
  readonly titlePage: string
  readonly cover: string
  readonly copyright: string
  readonly typeset: string
  /** “Typeset in Literata *with* samizdat”. */
  readonly typesetWith: string
  /** The EPUB page-list's label. */
  readonly pages: string
  /** The EPUB landmarks' label. */
  readonly landmarks: string
  /** A table without a caption is named “Table 3”. */
  readonly table: string
}

const terms: Record<string, Terms> = {
  en: { contents: 'Contents', notes: 'Notes', backToText: 'Back to text', bibliography: 'Bibliography', references: 'References', page: 'p.', titlePage: 'Title page', cover: 'Cover', copyright: 'Copyright', typeset: 'Typeset in', typesetWith: 'with', pages: 'Pages', landmarks: 'Landmarks', table: 'Table' },
  de: { contents: 'Inhalt', notes: 'Anmerkungen', backToText: 'Zurück zum Text', bibliography: 'Literaturverzeichnis', references: 'Literatur', page: 'S.', titlePage: 'Titelseite', cover: 'Umschlag', copyright: 'Impressum', typeset: 'Gesetzt in', typesetWith: 'mit', pages: 'Seiten', landmarks: 'Orientierungspunkte', table: 'Tabelle' },
  fr: { contents: 'Table des matières', notes: 'Notes', backToText: 'Retour au texte', bibliography: 'Bibliographie', references: 'Références', page: 'p.', titlePage: 'Page de titre', cover: 'Couverture', copyright: 'Mentions légales', typeset: 'Composé en', typesetWith: 'avec', pages: 'Pages', landmarks: 'Repères', table: 'Tableau' },
  es: { contents: 'Índice', notes: 'Notas', backToText: 'Volver al texto', bibliography: 'Bibliografía', references: 'Referencias', page: 'p.', titlePage: 'Portada interior', cover: 'Cubierta', copyright: 'Créditos', typeset: 'Compuesto en', typesetWith: 'con', pages: 'Páginas', landmarks: 'Puntos de referencia', table: 'Tabla' },
  it: { contents: 'Indice', notes: 'Note', backToText: 'Torna al testo', bibliography: 'Bibliografia', references: 'Riferimenti', page: 'p.', titlePage: 'Frontespizio', cover: 'Copertina', copyright: 'Colophon', typeset: 'Composto in', typesetWith: 'con', pages: 'Pagine', landmarks: 'Punti di riferimento', table: 'Tabella' },
  nl: { contents: 'Inhoud', notes: 'Noten', backToText: 'Terug naar de tekst', bibliography: 'Bibliografie', references: 'Referenties', page: 'p.', titlePage: 'Titelpagina', cover: 'Omslag', copyright: 'Colofon', typeset: 'Gezet in', typesetWith: 'met', pages: 'Pagina’s', landmarks: 'Oriëntatiepunten', table: 'Tabel' },
  pt: { contents: 'Sumário', notes: 'Notas', backToText: 'Voltar ao texto', bibliography: 'Bibliografia', references: 'Referências', page: 'p.', titlePage: 'Folha de rosto', cover: 'Capa', copyright: 'Ficha técnica', typeset: 'Composto em', typesetWith: 'com', pages: 'Páginas', landmarks: 'Pontos de referência', table: 'Tabela' },
}

/** Terms for a BCP 47 tag, falling back to English. */
export function termsForLang(lang: string): Terms {
  return terms[lang.toLowerCase().split('-')[0] ?? 'en'] ?? terms['en']!
}
