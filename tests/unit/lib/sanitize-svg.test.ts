import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { hasCorpus, corpusDir } from '../../helpers/corpus-book.ts'
import { sanitizeSvg } from '../../../scripts/lib/sanitize-svg.ts'

const hostile = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://example.com/fonts.css); .a { fill: url(#grad); background: url(https://example.com/x.png) }</style>
  <defs><linearGradient id="grad"><stop offset="0"/></linearGradient></defs>
  <a xlink:href="https://example.com/"><rect id="r" class="a" width="5" height="5" onclick="steal()"/></a>
  <image href="https://example.com/photo.png" width="5" height="5"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <use xlink:href="#r" x="5"/>
  <foreignObject width="5" height="5"><p xmlns="http://www.w3.org/1999/xhtml">HTML inside</p></foreignObject>
  <text x="1" y="9">Kept text</text>
</svg>`

test('an SVG loses its DOCTYPE, scripts, event handlers, external references and foreignObject, and keeps its drawing', () => {
  const svg = sanitizeSvg(hostile)
  for (const gone of ['DOCTYPE', 'svg11.dtd', '<script', 'alert', 'onload', 'onclick', 'example.com', 'foreignObject', 'HTML inside', '@import']) {
    assert.ok(!svg.includes(gone), `${gone} is gone: ${svg}`)
  }
  for (const kept of ['url(#grad)', 'xlink:href="#r"', 'data:image/png', '<rect', 'Kept text', 'viewBox="0 0 10 10"']) {
    assert.ok(svg.includes(kept), `${kept} is kept: ${svg}`)
  }
})

test('every SVG of the rust-book (graphviz, Illustrator) loses its DOCTYPE and keeps its drawing', { skip: !hasCorpus('rust-book') }, () => {
  const dir = path.join(corpusDir, 'rust-book', 'img')
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.svg'))
  assert.ok(files.length > 20, `${files.length} SVGs`)
  for (const name of files) {
    const original = readFileSync(path.join(dir, name), 'utf8')
    const svg = sanitizeSvg(original)
    assert.doesNotMatch(svg, /<!DOCTYPE/, name)
    assert.match(svg, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, name)
    assert.equal((svg.match(/<path\b/g) ?? []).length, (original.match(/<path\b/g) ?? []).length, `${name}: every path kept`)
  }
})
