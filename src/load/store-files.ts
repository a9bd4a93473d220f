import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The files of one policy store, wherever they live: a folder on disk, a git revision, or a store that a
 * source reader (Terraform, CloudFormation, an account snapshot) built in memory. The loader reads a store
 * only through this, so every source gives the same typed store with the same diagnostics.
 *
 * Paths are relative to the store root, with `/` separators (`identity/x.json`; `''` is the root).
 */
export interface StoreFiles {
  /** The sorted entry names of a folder, or undefined when there is no such folder. */
  list(dir: string): readonly string[] | undefined;
  isDirectory(path: string): boolean;
  /** The file's bytes (decoding is the reader's job, so that bad UTF-8 can be reported), or undefined when absent. */
  read(path: string): Uint8Array | undefined;
  /** How diagnostics name the file (`policies/identity/x.json`, `main~1:policies/…`). */
  display(path: string): string;
  /** How the store itself is named in messages. */
  readonly name: string;
}

const joinPath = (dir: string, entry: string): string => (dir === '' ? entry : `${dir}/${entry}`);
export { joinPath as storePath };

/** A store folder on disk; files are shown relative to `cwd` (absolute when outside it). */
export function diskStoreFiles(root: string, cwd: string = process.cwd()): StoreFiles {
  const abs = (p: string): string => (p === '' ? root : join(root, p));
  const display = (p: string): string => {
    const r = relative(cwd, abs(p));
    return r === '' ? '.' : r.startsWith('..') ? abs(p) : r;
  };
  return {
    name: display(''),
    list(dir) {
      try {
        return readdirSync(abs(dir)).sort();
      } catch {
        return undefined;
      }
    },
    isDirectory(p) {
      try {
        return statSync(abs(p)).isDirectory();
      } catch {
        return false;
      }
    },
    read(p) {
      try {
        return readFileSync(abs(p));
      } catch {
        return undefined;
      }
    },
    display,
  };
}

/**
 * A store held in memory: `files` maps store-relative paths to their text or bytes. `prefix` is what
 * diagnostics show before each path (a source file, a revision).
 */
export function memoryStoreFiles(files: ReadonlyMap<string, string | Uint8Array>, name: string, prefix = ''): StoreFiles {
  const encoder = new TextEncoder();
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir)!.add(parts[i]!);
    }
  }
  return {
    name,
    list: (dir) => {
      // An empty store is no store: the loader then says so instead of listing two missing files.
      if (files.size === 0) return undefined;
      const entries = dirs.get(dir);
      return entries ? [...entries].sort() : undefined;
    },
    isDirectory: (p) => dirs.has(p),
    read: (p) => {
      const v = files.get(p);
      return typeof v === 'string' ? encoder.encode(v) : v;
    },
    display: (p) => `${prefix}${p}`,
  };
}
