import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import { UsageError } from './io';

/** How Cucumber loads the user's step files: CommonJS and TypeScript by require(), ESM by import(). */
export interface UserSteps {
  readonly require: readonly string[];
  readonly import: readonly string[];
  /** Some files are TypeScript: the TypeScript hook must be registered first. */
  readonly typescript: boolean;
}

const REQUIRED = new Set(['.cjs', '.ts', '.cts']);
const IMPORTED = new Set(['.js', '.mjs']);

/**
 * The user's step files, in a stable order. `.js` files are imported, so they work whether the user's
 * package is CommonJS or `"type": "module"`; `.ts`/`.cts` are required through the TypeScript hook.
 * Type declarations (`.d.ts`) are skipped; `.mts` is refused with the fix.
 */
export function findUserSteps(paths: readonly string[], cwd: string): UserSteps {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`test: no such step file or folder \`${relative(cwd, p) || p}\``);
    files.push(...(statSync(p).isDirectory() ? walk(p) : [p]));
  }
  const required: string[] = [];
  const imported: string[] = [];
  for (const file of files) {
    const ext = extname(file);
    if (file.endsWith('.d.ts') || file.endsWith('.d.cts')) continue;
    if (ext === '.mts') throw new UsageError(`test: \`${relative(cwd, file)}\` is an ES-module TypeScript file; name it .ts (compiled to CommonJS) or compile it to .mjs`);
    if (REQUIRED.has(ext)) required.push(file);
    else if (IMPORTED.has(ext)) imported.push(file);
  }
  return { require: required, import: imported, typescript: required.some((f) => f.endsWith('.ts') || f.endsWith('.cts')) };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/**
 * Shared step libraries break when a project holds two copies of `@cucumber/cucumber`: steps registered
 * on one copy are unknown to the runner of the other. Before anything runs, check that the user's step
 * files resolve the same Cucumber (and the same harness) as the built-in steps, and say how to fix it
 * when they do not.
 * @param resolveFrom resolves a module id as seen from a folder (require.resolve with `paths`), undefined when absent
 */
export function checkOneCucumber(stepFiles: readonly string[], ours: { cucumber: string; harness: string }, resolveFrom: (id: string, dir: string) => string | undefined, cwd: string): void {
  const dirs = [...new Set(stepFiles.map((f) => dirname(f)))];
  for (const dir of dirs) {
    const theirs = resolveFrom('@cucumber/cucumber/package.json', dir);
    const where = relative(cwd, dir) || '.';
    if (theirs === undefined) {
      throw new UsageError(`test: the step files in \`${where}\` cannot find @cucumber/cucumber; install it beside mq-policy-harness (\`npm install --save-dev @cucumber/cucumber\`, the version mq-policy-harness names as its peer)`);
    }
    if (theirs !== ours.cucumber) {
      throw new UsageError(
        `test: two copies of @cucumber/cucumber: the step files in \`${where}\` use \`${relative(cwd, dirname(theirs))}\`, the built-in steps \`${relative(cwd, dirname(ours.cucumber))}\`; ` +
          'steps registered on one copy are unknown to the other. Keep one copy: remove the other version, or install the version mq-policy-harness names as its peer dependency',
      );
    }
    const harness = resolveFrom('mq-policy-harness/package.json', dir);
    if (harness !== undefined && harness !== ours.harness) {
      throw new UsageError(`test: the step files in \`${where}\` import mq-policy-harness from \`${relative(cwd, dirname(harness))}\`, but this command runs from \`${relative(cwd, dirname(ours.harness))}\`; run the project's own copy (\`npx mq-policy\`)`);
    }
  }
}

/**
 * Resolves a module as a file in that folder would (createRequire, not `require.resolve` with `paths`: that
 * one answers a package's own name from this package, wherever the folder is). Undefined when absent.
 */
export function resolveFromDir(id: string, dir: string): string | undefined {
  try {
    return createRequire(join(dir, 'step-file.js')).resolve(id);
  } catch {
    return undefined;
  }
}
