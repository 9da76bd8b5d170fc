import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { VFile } from 'vfile'
import type { ResolvedBook } from '../../../scripts/config/resolve-book.ts'
import { BuildError } from '../../../scripts/diagnostics/fail.ts'
import { writeBookLook } from '../../../scripts/print/write-book-look.ts'

const liberation = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf')
const temp = mkdtempSync(path.join(tmpdir(), 'samizdat-look-unit-'))
after(() => rmSync(temp, { recursive: true, force: true }))

/** A copy of the font with its OS/2 fsType set to `fsType` (0x0002: restricted licence, no embedding). */
function withFsType(fsType: number): Buffer {
  const font = Buffer.from(readFileSync(liberation))
  const tables = font.readUInt16BE(4)
  for (let index = 0; index < tables; index++) {
    const record = 12 + index * 16
    if (font.toString('latin1', record, record + 4) === 'OS/2') font.writeUInt16BE(fsType, font.readUInt32BE(record + 8) + 8)
  }
  return font
}

function book(root: string, fields: Partial<ResolvedBook>): ResolvedBook {
  return { root, configFile: new VFile({ path: path.join(root, 'book.yaml'), value: 'fonts: a.ttf\n' }), ...fields } as ResolvedBook
}

describe('writeBookLook', () => {
  it('declares each font by its own family, weight and style, sets the type, links the stylesheets in order', async () => {
    const root = path.join(temp, 'ok')
    const out = path.join(temp, 'ok-build')
    mkdirSync(root)
    mkdirSync(out)
    writeFileSync(path.join(root, 'a.ttf'), readFileSync(liberation))
    writeFileSync(path.join(root, 'one.css'), 'h1 { color: red }')
    writeFileSync(path.join(root, 'two.css'), 'h2 { color: blue }')
    const links = await writeBookLook(book(root, { fonts: 'a.ttf', stylesheet: ['one.css', 'two.css'], fontSize: '11pt', leading: '15pt' }), out)
    assert.deepEqual(links, ['book-look.css', 'book-css/0-one.css', 'book-css/1-two.css'])
    const css = readFileSync(path.join(out, 'book-look.css'), 'utf8')
    assert.match(css, /@font-face \{ font-family: "Liberation Sans"; src: url\("book-fonts\/0-a\.ttf"\) format\("truetype"\); font-weight: 400; font-style: normal; \}/)
    assert.match(css, /:root \{ --body-size: 11pt; --leading: 15pt; \}/)
  })

  it('refuses a font whose licence bits forbid embedding, and a file that is not a font', async () => {
    const root = path.join(temp, 'restricted')
    mkdirSync(root)
    writeFileSync(path.join(root, 'a.ttf'), withFsType(0x0002))
    writeFileSync(path.join(root, 'b.ttf'), 'not a font')
    await assert.rejects(writeBookLook(book(root, { fonts: 'a.ttf' }), temp), (error: unknown) => error instanceof BuildError && /forbids embedding.*fsType/.test(String(error.files[0]?.messages[0]?.reason)))
    await assert.rejects(writeBookLook(book(root, { fonts: 'b.ttf' }), temp), (error: unknown) => error instanceof BuildError && /could not be read as a font/.test(String(error.files[0]?.messages[0]?.reason)))
    // Print and preview (fsType 0x0004) allows embedding.
    writeFileSync(path.join(root, 'c.ttf'), withFsType(0x0004))
    await writeBookLook(book(root, { fonts: 'c.ttf' }), temp)
  })
})
