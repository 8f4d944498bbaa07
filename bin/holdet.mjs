#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx holdet migrate` works from a checkout without a build step.
import { register } from 'tsx/esm/api';

register();
const { cliMain } = await import('../src/cli.ts');
process.exit(await cliMain(process.argv.slice(2)));
