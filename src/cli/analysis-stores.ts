import { parse as parseYaml } from 'yaml';
import { diskStoreFiles, gitStoreFiles, GitRevisionError, loadPolicyStore, type StoreFiles } from '../load';
import type { PolicyStore } from '../load/store-types';
import { write, type CliIo } from './io';
import { reportStoreDiagnostics } from './store-diagnostics';

/** The store at a git revision (read from git objects), or the working tree when `rev` is undefined. */
export function storeFiles(storeDir: string, rev: string | undefined): StoreFiles {
  return rev === undefined ? diskStoreFiles(storeDir) : gitStoreFiles(storeDir, rev);
}

/** Loads one side; prints every diagnostic. Undefined (after saying why) when it cannot be used. */
export async function loadSide(command: string, storeDir: string, rev: string | undefined, io: CliIo): Promise<{ store: PolicyStore; files: StoreFiles } | { error: 'usage' | 'invalid' }> {
  let files: StoreFiles;
  try {
    files = storeFiles(storeDir, rev);
  } catch (err) {
    if (err instanceof GitRevisionError) {
      await write(io.stderr, `mq-policy ${command}: ${err.message}\n`);
      return { error: 'usage' };
    }
    throw err;
  }
  const loaded = loadPolicyStore(files);
  const errors = await reportStoreDiagnostics({ ...loaded, diagnostics: loaded.diagnostics.filter((d) => d.severity === 'error') }, io);
  if (!loaded.store || errors > 0) {
    await write(io.stderr, `mq-policy ${command}: the policy store ${rev !== undefined ? `at \`${rev}\` ` : ''}is invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
    return { error: 'invalid' };
  }
  return { store: loaded.store, files };
}

/** A YAML data file of the store, decoded; undefined when absent; a message when malformed. */
export function readStoreYaml(files: StoreFiles, name: string): { value: unknown } | { problem: string } | undefined {
  const bytes = files.read(name);
  if (bytes === undefined) return undefined;
  try {
    return { value: parseYaml(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch (err) {
    return { problem: `${files.display(name)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
