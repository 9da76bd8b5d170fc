/** What `scripts/setup/bundle.ts` records about a bundle, for `scripts/bin.js` to check. */
export interface BundleManifest {
  readonly version: 1
  /** The entry chunk (`cli-HASH.js`), relative to the bundle folder. */
  readonly entry: string
  /** Every file of this bundle, relative to the bundle folder. */
  readonly files: readonly string[]
  readonly inputs: readonly BundleInput[]
}

/** A source of the bundle: path from the package root, mtime and size (null: the file was absent). */
export type BundleInput = readonly [name: string, mtimeMs: number | null, size: number | null]

/** The manifest's file name inside the bundle folder. */
export const manifestName: string

/** The manifest's inputs: the sources read while bundling, with the package files every bundle depends on. */
export function bundleInputs(root: string, sources: ReadonlyMap<string, readonly [number, number]>): BundleInput[]

/** The bundle's entry file when every source it was made from is unchanged, else undefined. */
export function freshBundleEntry(bundleDir: string, root: string): string | undefined
