import type { Parents as NlcstParents, SentenceContent } from 'nlcst'
import { ParseLatin } from 'parse-latin'
import type { QuoteStyle } from '../lib/quotes-for-lang.ts'
import { nlcstText } from './smart-dashes.ts'

/** What a straight quote is: an opening or closing quotation mark, or an apostrophe (elision, possession). */
export type QuoteRole = 'open' | 'close' | 'apostrophe'

/** A straight quote of the text and what it is. */
export interface QuoteMark {
  readonly offset: number
  /** `"` (primary quotes) or `'` (inner quotes, or an apostrophe). */
  readonly mark: '"' | "'"
  readonly role: QuoteRole
  /** For a closing mark, the offset of the opening mark it closes (its language decides both). */
  readonly opener?: number
}

/** The punctuation of the language at an offset of the text. */
export type StyleAt = (offset: number) => QuoteStyle

type Guess = 'open' | 'close' | 'either'

const letter = /[\p{L}\p{N}\p{M}]/u

/**
 * Decide every straight quote of `text` (a chapter, its blocks starting at
 * `blockStarts`): where it stands between words, spaces and punctuation (the
 * rules of retext-smartypants' `quotesDefault`, on parse-latin's tree), then
 * pair them within each block. A `'` between letters is an apostrophe
 * (l'outil, geht's, Kropotkin's); one before a word is an opening quote only
 * if a closing one follows in its block and the word is no elision ('tis,
 * '90s, Dutch 's avonds); one after a word closes an open quote, else it is
 * an apostrophe (workers' control, Hans' Buch, un po' di pane). In French,
 * where quotes stand between spaces (`" Bonjour "`), a `"` between spaces
 * opens or closes by what its block has open.
 */
export function decideQuotes(text: string, blockStarts: readonly number[], styleAt: StyleAt): QuoteMark[] {
  const found = new Map<number, { offset: number; mark: '"' | "'"; guess: Guess }>()
  walk(new ParseLatin().parse(text), 0, (offset, mark, guess) => {
    if (!found.has(offset)) found.set(offset, { offset, mark, guess })
  })
  const guesses = [...found.values()].sort((a, b) => a.offset - b.offset)
  const marks: QuoteMark[] = []
  let block = 0
  let singles: number[] = []
  let doubleOpen: number | undefined
  const endBlock = () => {
    for (const offset of singles) {
      // An opening quote that starts its paragraph opens a quotation going on into the next; else an elision.
      const index = marks.findIndex((mark) => mark.offset === offset)
      if (!startsBlock(text, offset, blockStarts[block] ?? 0)) marks[index] = { offset, mark: "'", role: 'apostrophe' }
    }
    singles = []
    doubleOpen = undefined
  }
  for (const { offset, mark, guess } of guesses) {
    while (block + 1 < blockStarts.length && offset >= blockStarts[block + 1]!) {
      endBlock()
      block++
    }
    if (mark === '"') {
      const role = guess !== 'either' ? guess : styleAt(offset).frenchSpacing && doubleOpen === undefined ? 'open' : 'close'
      const opener = role === 'close' ? doubleOpen : undefined
      doubleOpen = role === 'open' ? offset : undefined
      marks.push({ offset, mark, role, ...(opener === undefined ? {} : { opener }) })
    } else if (letter.test(text[offset + 1] ?? '') && (letter.test(text[offset - 1] ?? '') || /\p{N}/u.test(text[offset + 1]!))) {
      // Between letters, or before a number ('90s, '68).
      marks.push({ offset, mark, role: 'apostrophe' })
    } else if (guess === 'open' || (guess === 'either' && !letter.test(text[offset - 1] ?? ''))) {
      const word = /^[\p{L}\p{N}]+/u.exec(text.slice(offset + 1, offset + 40))?.[0] ?? ''
      if (word !== '' && styleAt(offset).elisions.has(word.toLowerCase())) {
        marks.push({ offset, mark, role: 'apostrophe' })
      } else {
        singles.push(offset)
        marks.push({ offset, mark, role: 'open' })
      }
    } else {
      const opener = singles.pop()
      marks.push(opener === undefined ? { offset, mark, role: 'apostrophe' } : { offset, mark, role: 'close', opener })
    }
  }
  endBlock()
  return marks
}

/** Only white space and opening marks stand between the block's start and `offset`. */
function startsBlock(text: string, offset: number, blockStart: number): boolean {
  return /^[\s"'“‘„‚«‹([]*$/u.test(text.slice(blockStart, offset))
}

/** Every straight quote of the tree in reading order with what its neighbours suggest (retext-smartypants' rules). */
function walk(parent: NlcstParents, start: number, found: (offset: number, mark: '"' | "'", guess: Guess) => void): number {
  const siblings = parent.children as SentenceContent[]
  let offset = start
  for (let index = 0; index < siblings.length; index++) {
    const node = siblings[index]!
    if (!('value' in node)) {
      offset = walk(node, offset, found)
      continue
    }
    if ((node.type === 'PunctuationNode' || node.type === 'SymbolNode') && (node.value === '"' || node.value === "'")) {
      guess(siblings, index, offset, found)
    }
    offset += node.value.length
  }
  return offset
}

function guess(siblings: readonly SentenceContent[], index: number, offset: number, found: (offset: number, mark: '"' | "'", guess: Guess) => void): void {
  const mark = (siblings[index] as { value: string }).value as '"' | "'"
  const previous = siblings[index - 1]
  const next = siblings[index + 1]
  const nextNext = siblings[index + 2]
  const nextValue = next ? nlcstText(next) : ''
  const isMark = (candidate: SentenceContent | undefined) => candidate?.type === 'PunctuationNode' || candidate?.type === 'SymbolNode'
  const isSpace = (candidate: SentenceContent | undefined) => !candidate || candidate.type === 'WhiteSpaceNode'
  if (isMark(next) && (nextValue === '"' || nextValue === "'") && nextNext?.type === 'WordNode') {
    // Two quotes before a word both open: `He said, "'Quoted' words in a larger quote."`
    found(offset, mark, 'open')
    found(offset + 1, nextValue, 'open')
  } else if (isMark(next) && nextNext?.type !== 'WordNode') {
    // A quote followed by punctuation at a non-word-break closes.
    found(offset, mark, 'close')
  } else if (next && /^\d\ds$/.test(nextValue)) {
    // Decades: `the '80s`.
    found(offset, mark, 'close')
  } else if ((previous?.type === 'WhiteSpaceNode' || isMark(previous)) && next?.type === 'WordNode') {
    found(offset, mark, 'open')
  } else if (previous && previous.type !== 'WhiteSpaceNode' && !isMark(previous)) {
    found(offset, mark, 'close')
  } else if (isSpace(previous) && isSpace(next)) {
    found(offset, mark, 'either')
  } else if (!next || next.type === 'WhiteSpaceNode' || (mark === "'" && nextValue === 's')) {
    found(offset, mark, 'close')
  } else {
    found(offset, mark, 'open')
  }
}
