import { InvalidArgumentError } from 'commander'

// The tag shape book.yaml's `lang` accepts (scripts/config/book-schema.ts), checked here without loading the schema.
const languageTag = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/

/** Commander parser for `samizdat init --lang`: a BCP 47 tag such as `en-GB`. */
export function parseLang(value: string): string {
  const tag = value.trim()
  if (!languageTag.test(tag)) throw new InvalidArgumentError(`\`${value}\` is not a language tag: write one such as en, en-GB, de or fr`)
  return tag
}
