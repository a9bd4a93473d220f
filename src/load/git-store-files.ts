import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { memoryStoreFiles, type StoreFiles } from './store-files';

/** A revision that git does not know, a folder outside a repository, or git itself missing. */
export class GitRevisionError extends Error {}

/** Largest store read from one revision: a store is policy text, so anything near this is a mistake. */
const MAX_STORE_BYTES = 256 * 1024 * 1024;

function git(cwd: string, args: readonly string[], input?: Buffer): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: MAX_STORE_BYTES + 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (r.error) throw new GitRevisionError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new GitRevisionError(r.stderr.toString('utf8').trim().split('\n')[0] || `git ${args[0]} failed`);
  return r.stdout;
}

/** The nearest existing folder at or above `path`, so that a store deleted in the work tree can still be read at a revision. */
function existingAncestor(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * The store folder `storeDir` (a path in the work tree) as it was at git revision `rev`, read from git's
 * objects: no checkout, the work tree is never touched. Diagnostics name files `rev:path/in/repo`.
 */
export function gitStoreFiles(storeDir: string, rev: string): StoreFiles {
  const abs = resolve(storeDir);
  const anchor = existingAncestor(abs);
  const top = git(anchor, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const prefix = relative(top, abs).split('\\').join('/');
  if (prefix.startsWith('..')) throw new GitRevisionError(`\`${storeDir}\` is not inside the git repository at \`${top}\``);
  const commit = (() => {
    try {
      return git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
    } catch {
      throw new GitRevisionError(`git does not know the revision \`${rev}\``);
    }
  })();
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix === '' ? '.' : prefix]).toString('utf8');
  const blobs: { path: string; hash: string }[] = [];
  for (const line of listing.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (!m) continue;
    const path = prefix === '' ? m[2]! : m[2]!.slice(prefix.length + 1);
    blobs.push({ path, hash: m[1]! });
  }
  const files = new Map<string, Uint8Array>();
  if (blobs.length > 0) {
    const out = git(top, ['cat-file', '--batch'], Buffer.from(blobs.map((b) => b.hash).join('\n') + '\n'));
    let at = 0;
    for (const blob of blobs) {
      const eol = out.indexOf(0x0a, at);
      const header = out.subarray(at, eol).toString('utf8');
      const size = Number(header.split(' ')[2]);
      if (!Number.isFinite(size)) throw new GitRevisionError(`git returned no content for \`${blob.path}\` at \`${rev}\``);
      files.set(blob.path, out.subarray(eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
    }
  }
  const shown = `${rev}:${prefix === '' ? '' : `${prefix}/`}`;
  return memoryStoreFiles(files, `${rev}:${prefix || '.'}`, shown);
}
