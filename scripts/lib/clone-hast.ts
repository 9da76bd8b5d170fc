import type { Nodes, Properties } from 'hast'

/**
 * A copy of a hast tree that an output stage may change (children,
 * properties, text) without touching the book tree. Several times faster
 * than `structuredClone` on a chapter: positions are shared, not copied
 * (no transform changes a position; new nodes get their own).
 */
export function cloneHast<Node extends Nodes>(node: Node): Node {
  const copy = { ...node } as Nodes & { children?: Nodes[]; content?: Nodes; properties?: Properties }
  if ('children' in node) copy.children = (node.children as Nodes[]).map(cloneHast)
  if ('properties' in node) copy.properties = cloneProperties(node.properties)
  // A `template`'s content (hast-util-from-html puts it beside the children).
  if ('content' in node && node.content) copy.content = cloneHast(node.content as Nodes)
  if (node.data) copy.data = structuredClone(node.data)
  return copy as Node
}

function cloneProperties(properties: Properties): Properties {
  const copy: Properties = {}
  for (const key in properties) {
    const value = properties[key]
    copy[key] = Array.isArray(value) ? [...value] : value
  }
  return copy
}
