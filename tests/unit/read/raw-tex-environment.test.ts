import assert from 'node:assert/strict'
import { test } from 'node:test'
import { VFile } from 'vfile'
import { createMarkdownParser } from '../../../scripts/read/manuscript-to-mdast.ts'

// A LaTeX environment whose lines end in hard breaks (`\\` and two spaces, as
// phd_thesis_markdown's list of abbreviations writes its `tabbing`) is one
// paragraph of several texts: it is left out whole, as pandoc leaves it out.
test('an environment cut by hard breaks is left out whole, with one warning at its start', async () => {
  const markdown = '# Abbreviations\n\n\\begin{tabbing}\n\\textbf{API}~~~~ \\= \\textbf{A}pplication \\\\  \n\\textbf{JSON} \\> Notation \\\\  \n\\end{tabbing}\n\nAfter.\n'
  const parser = createMarkdownParser('en')
  const file = new VFile({ path: 'abbreviations.md', value: markdown })
  const tree = await parser.run(parser.parse(file), file)
  assert.deepEqual(
    tree.children.map((node) => node.type),
    ['heading', 'paragraph'],
  )
  assert.deepEqual(
    file.messages.map((message) => [message.line, message.column, message.ruleId]),
    [[3, 1, 'raw-tex-dropped']],
  )
})
