#!/usr/bin/env node
// Runs the TypeScript sources without a build step; needs a TypeScript loader such as tsx.
import {fileURLToPath} from 'node:url'
import {execute} from '@oclif/core'

// The project's root, not bin/, whose package.json only makes bin/run.js CommonJS.
await execute({development: true, dir: fileURLToPath(new URL('..', import.meta.url))})
