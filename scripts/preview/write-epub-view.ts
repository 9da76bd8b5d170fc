import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { unzipSync } from 'fflate'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { selectAll, select } from 'hast-util-select'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { BookTree } from '../lib/book-model.ts'
import { packagePath } from '../epub/package-document.ts'
import { bookTreeToEpub } from '../epub/book-tree-to-epub.ts'
import { clientPath } from './preview-client.ts'

const decoder = new TextDecoder()

/**
 * The EPUB's reflowable view: build the real EPUB (without rendering a
 * cover, which needs a browser), unpack it into `dir`, and write a reader
 * page, `dir/index.html`, that lists the spine and shows one content
 * document at a time in a frame that reflows with the window, as an e-reader
 * shows it, with the EPUB's own stylesheet and fonts.
 */
export async function writeEpubView(tree: BookTree, dir: string, build: number): Promise<void> {
  const { epub } = await bookTreeToEpub(tree, { date: new Date().toISOString(), renderCover: false })
  const entries = unzipSync(epub)
  await rm(dir, { recursive: true, force: true })
  for (const [name, data] of Object.entries(entries)) {
    const target = path.resolve(dir, name)
    // Our own zip, but a name must still not climb out of the folder.
    if (path.relative(dir, target).startsWith('..') || name.endsWith('/')) continue
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, data)
  }
  const opfData = entries[packagePath]
  if (!opfData) throw new Error(`The EPUB has no ${packagePath}`)
  const spine = spineDocuments(decoder.decode(opfData), path.posix.dirname(packagePath), entries)
  await writeFile(path.join(dir, 'index.html'), readerPage(tree, spine, build))
}

/** The spine's documents in reading order, each with its `<title>`. */
function spineDocuments(opf: string, base: string, entries: Record<string, Uint8Array>): { href: string; title: string }[] {
  // Parsed as HTML: the package document is XML, but its `item` and `itemref` elements and their attributes come through.
  const tree = fromHtml(opf, { fragment: true })
  const hrefs = new Map(selectAll('item', tree).map((item) => [String(item.properties['id']), String(item.properties['href'])]))
  return selectAll('itemref', tree).flatMap((itemref) => {
    const href = hrefs.get(String(itemref.properties['idref']))
    if (!href) return []
    const file = entries[`${base}/${href}`]
    const title = file ? select('title', fromHtml(decoder.decode(file))) : undefined
    return [{ href: `${base}/${href}`, title: title ? hastToString(title).trim() : href }]
  })
}

function readerPage(tree: BookTree, spine: readonly { href: string; title: string }[], build: number): string {
  const first = spine.find((item) => !/cover/.test(item.href)) ?? spine[0]
  const page: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: tree.book.lang }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', `${tree.book.title} (EPUB preview)`),
          h('script', { src: `${clientPath}?build=${build}` }),
        ]),
        h('body', { style: 'margin:0;display:flex;height:100vh;font:14px/1.4 system-ui,sans-serif' }, [
          h('nav', { ariaLabel: 'Reading order', style: 'flex:0 0 16rem;overflow:auto;padding:1rem;border-right:1px solid #ccc;background:#f6f6f4' }, [
            h('p', h('strong', 'EPUB reading order')),
            h(
              'ol',
              { style: 'padding-left:1.2rem' },
              spine.map((item) => h('li', h('a', { href: item.href, target: 'book' }, item.title))),
            ),
            h('p', { style: 'color:#555' }, 'Resize the window: the text reflows as on an e-reader.'),
          ]),
          h('iframe', { name: 'book', title: 'EPUB content', src: first?.href ?? 'about:blank', style: 'flex:1;border:0;height:100%' }),
        ]),
      ]) as Element,
    ],
  }
  return toHtml(page)
}
