import type { Element, Root } from 'hast'

/** What an {@link eachElement} visitor returns to leave the element's children out. */
export const skipChildren = 'skip-children'

/** An {@link eachElement} visitor: `index` and `parent` are undefined for the tree itself. */
export type ElementVisitor = (node: Element, index: number | undefined, parent: Root | Element | undefined) => typeof skipChildren | undefined

/**
 * Call `visitor` on `tree` (when it is an element) and on every element in
 * it, in document order: unist-util-visit's `visit(tree, 'element', …)`
 * without its cost per node, which adds up over the many walks of a whole
 * book. The visitor may change the children of the element it is given (they
 * are walked afterwards) or replace the element in its parent.
 */
export function eachElement(tree: Root | Element, visitor: ElementVisitor): void {
  if (tree.type === 'element' && visitor(tree, undefined, undefined) === skipChildren) return
  walk(tree, visitor)
}

function walk(parent: Root | Element, visitor: ElementVisitor): void {
  // The length is read on each turn, as unist-util-visit does: a visitor may add siblings.
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!
    if (child.type === 'element' && visitor(child, index, parent) !== skipChildren) walk(child, visitor)
  }
}
