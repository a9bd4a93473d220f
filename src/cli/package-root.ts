import { join } from 'node:path';

/**
 * Compiled (dist/src/cli/*.js: an installed package) or run from the sources (this repository under
 * ts-node). Everything that finds files of the package itself (templates, the step library) starts here.
 */
export const COMPILED = __filename.endsWith('.js');
export const PACKAGE_ROOT = COMPILED ? join(__dirname, '..', '..', '..') : join(__dirname, '..', '..');
