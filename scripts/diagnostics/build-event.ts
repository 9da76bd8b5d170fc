/** What the pipeline tells its caller while it works. */
export type BuildEvent =
  | { readonly type: 'stage'; readonly stage: string; readonly ms: number }
  | { readonly type: 'progress'; readonly stage: string; readonly message: string; readonly pages?: number }
  | { readonly type: 'output'; readonly file: string; readonly bytes: number; readonly pages?: number }
