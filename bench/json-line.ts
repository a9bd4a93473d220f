/**
 * Workload 6: reading one 4 MB line that holds a single escape, the shape that made the strict
 * reader quadratic (every string searched the rest of the text for a backslash). Reported against
 * bare JSON.parse of the same text, in the same run.
 */
import { readJson, readJsonFast } from '../src/parse';

export interface JsonLineFigures {
  readonly bytes: number;
  /** readJsonFast: what simulate uses (native parse, then the duplicate-key and depth checks). */
  readonly fastMillis: number;
  /** readJson: the strict reader, used for files (positions) and whenever the fast checks find a problem. */
  readonly strictMillis: number;
  readonly floorMillis: number;
  readonly fastRatio: number;
  readonly strictRatio: number;
}

function median(run: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export function benchJsonLine(megabytes = 4, runs = 5): JsonLineFigures {
  // Many short strings, then one escape at the very end.
  const items: string[] = [];
  let size = 0;
  while (size < megabytes * 1024 * 1024) {
    const item = `value-${items.length}`;
    items.push(item);
    size += item.length + 3;
  }
  const text = `{"id":"big","request":{"context":{"aws:x":${JSON.stringify(items)},"aws:y":"quote\\"d"}}}`;
  let sink = 0;
  const floorMillis = median(() => (sink += (JSON.parse(text) as object) ? 1 : 0), runs);
  const fastMillis = median(() => (sink += readJsonFast(text).problems.length), runs);
  const strictMillis = median(() => (sink += readJson(text, { positions: false }).problems.length), runs);
  if (sink < 0) console.log(sink);
  return { bytes: text.length, fastMillis, strictMillis, floorMillis, fastRatio: fastMillis / floorMillis, strictRatio: strictMillis / floorMillis };
}

if (require.main === module) console.log(benchJsonLine());
