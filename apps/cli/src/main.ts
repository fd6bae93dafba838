#!/usr/bin/env node
// Entry point of `npm run -s styleclip -- <command>`.
import { runCli } from './program';

process.exitCode = await runCli(process.argv.slice(2));
