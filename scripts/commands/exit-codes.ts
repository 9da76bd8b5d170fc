/** Exit codes of every samizdat command: 0 done, 1 the book (or input) has errors, or warnings under --strict; 2 the command line is wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes]
