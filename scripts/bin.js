#!/usr/bin/env node
// The `samizdat` command. TypeScript runs through tsx, so there is no compile
// step between `npm install` and `npx samizdat`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./cli.ts')
process.exitCode = await main(process.argv.slice(2))
