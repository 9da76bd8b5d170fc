import { strToU8, type ZipOptions, zipSync } from 'fflate'

/** One file of the EPUB container, by its path inside the zip. */
export interface EpubEntry {
  readonly path: string
  readonly data: Uint8Array | string
}

// One fixed level, so the same fflate gives the same bytes.
const level = 9

/**
 * Zip an EPUB container deterministically: `mimetype` first, stored
 * (uncompressed) and without an extra field, as the OCF spec demands
 * (https://www.w3.org/TR/epub-33/#sec-zip-container-mime); then every other
 * entry in the order given, deflated at one fixed level, all stamped with
 * `modified`, so the same input gives the same bytes.
 */
export function epubZip(entries: readonly EpubEntry[], modified: Date): Uint8Array {
  const mtime = dosTime(modified)
  const files: Record<string, [Uint8Array, ZipOptions]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }],
  }
  for (const entry of entries) {
    if (entry.path === 'mimetype') continue
    if (Object.hasOwn(files, entry.path)) throw new Error(`Two EPUB entries share the path \`${entry.path}\``)
    const data = typeof entry.data === 'string' ? strToU8(entry.data) : entry.data
    files[entry.path] = [data, { level, mtime }]
  }
  // fflate keeps insertion order for string keys (none of ours is an integer).
  return zipSync(files)
}

/**
 * fflate writes the DOS time from the Date's *local* fields; give it a Date
 * whose local fields are the UTC fields of `date`, so the bytes do not depend
 * on the machine's time zone. DOS times run from 1980 to 2099.
 */
function dosTime(date: Date): Date {
  const time = Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2099, 11, 31, 23, 59, 58))
  const utc = new Date(time)
  const local = new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds())
  // A local time that does not exist (a daylight-saving gap) moves; noon always exists.
  if (local.getHours() !== utc.getUTCHours() || local.getDate() !== utc.getUTCDate()) {
    return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), 12)
  }
  return local
}
