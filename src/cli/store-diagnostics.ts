import { describeSource } from '../model';
import type { StoreLoadResult } from '../load/store-types';
import { write, type CliIo } from './io';

/** Prints every store diagnostic as one line (file, statement, fix, code); returns the error count. */
export async function reportStoreDiagnostics(result: StoreLoadResult, io: CliIo): Promise<number> {
  for (const d of result.diagnostics) {
    await write(io.stderr, `${d.severity}: ${describeSource(d.source)}: ${d.message}${d.help !== undefined ? ` (${d.help})` : ''} [${d.code}]\n`);
  }
  return result.diagnostics.filter((d) => d.severity === 'error').length;
}
