/**
 * Builds the index of one file and prints it as JSON: for a test that builds it in a Node run
 * differently (`--jitless`, where WebAssembly is not to be had) and compares it with its own.
 */
import { basename } from 'node:path';
import { extendIndex } from '../../electron/core/journal-index-scan.js';
import { emptyFileIndex } from '../../electron/core/journal-index.js';

const file = process.argv[2] ?? '';
const index = await extendIndex(file, emptyFileIndex(basename(file)));
process.stdout.write(JSON.stringify(index));
