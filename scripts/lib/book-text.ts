import type { ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { BookTree } from './book-model.ts'

/** All the text a reader sees in the book (used to pick the font subsets it needs). */
export function bookText(tree: BookTree): string {
  const { book } = tree
  const front = [book.title, book.subtitle, ...book.authors, ...book.editors, book.rights, book.licence?.name, book.description]
  const chapters = tree.chapters.map((chapter) => hastToString(chapter.hast))
  const bibliography = tree.bibliography ? hastToString(tree.bibliography) : ''
  // Digits, roman folios and punctuation appear in running heads and the contents.
  return [...front, ...chapters, bibliography, '0123456789ivxlcdm.,;:–—’”“‘'].filter(Boolean).join('\n')
}

/** Whether the book has a formula (MathML), so its outputs need the math face. */
export function bookHasMath(tree: BookTree): boolean {
  return tree.chapters.some((chapter) => holdsMath(chapter.hast))
}

function holdsMath(node: Root | ElementContent): boolean {
  if (node.type === 'element' && node.tagName === 'math') return true
  return 'children' in node && node.children.some((child) => child.type !== 'doctype' && holdsMath(child))
}
