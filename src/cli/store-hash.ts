import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The SHA-256 of every file of the store folder, and one hash over all of them (path and hash per line,
 * sorted), so a report names exactly the policy text it tested.
 */
export function storeHashes(root: string, cwd: string): { root: string; sha256: string; files: { path: string; sha256: string }[] } {
  const files: { path: string; inStore: string; sha256: string }[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ path: relative(cwd, p).split('\\').join('/'), inStore: relative(root, p).split('\\').join('/'), sha256: createHash('sha256').update(readFileSync(p)).digest('hex') });
    }
  };
  walk(root);
  // Hashed by the path inside the store, so the same store hashes the same from any folder.
  const all = createHash('sha256').update(files.map((f) => `${f.inStore}\0${f.sha256}\n`).join('')).digest('hex');
  return { root: relative(cwd, root) || '.', sha256: all, files: files.map(({ path, sha256 }) => ({ path, sha256 })) };
}
