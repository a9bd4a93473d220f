import { catalogData } from '../catalog';
import type { Statement } from '../model';
import { elementPointer, type DocumentContext } from './context';

/**
 * R2 (revised): "If the * wildcard is the last character of a resource ARN segment, it can expand to match
 * beyond the colon boundaries. We recommend you use wildcards (* and ?) within ARN segments separated by a
 * colon." A pattern relies on that expansion when, read one segment at a time, a literal lands where the ARN
 * cannot hold it (`broker` as the account of `arn:aws:mq:*:broker:*`, a broker name as the resource type of
 * `arn:aws:mq:eu-west-1:*:orders-prod:*`) after a `*` that ends an earlier segment. The engine follows AWS
 * and matches; lint suggests writing every segment so the pattern says what it matches.
 */
export function checkSegmentWildcards(ctx: DocumentContext): void {
  for (const st of ctx.policy.statements) {
    st.resource.patterns.forEach((p, j) => {
      if (p.raw === '*' || p.raw.includes('${')) return;
      const finding = relianceOnExpansion(p.raw);
      if (finding) report(ctx, st, p.raw, finding, elementPointer(ctx, st, 'resource', j));
    });
  }
}

interface Reliance {
  /** Index of the segment whose trailing `*` expands, and of the first segment that does not fit the ARN. */
  readonly star: number;
  readonly misfit: number;
  readonly what: string;
  readonly fix: string;
}

const SEGMENT_NAMES = ['', 'partition', 'service', 'region', 'account'];

/** Resource-type words of a service (`broker`, `configuration`), from the catalog's ARN templates. */
function typeWords(service: string): readonly string[] {
  const types = catalogData.services[service]?.resourceTypes;
  if (!types) return [];
  return Object.values(types).map((t) => /^(?:[^:]*:){5}([^:/]*)/.exec(t.arn)?.[1] ?? '').filter((w) => w !== '' && !w.includes('$'));
}

function relianceOnExpansion(raw: string): Reliance | undefined {
  const segments = raw.split(':');
  if (segments.length < 6) return undefined; // `arn:aws:mq:*`: a short pattern's trailing `*` is its own rule (R2 step 3)
  const service = segments[2]!;
  const star = [1, 3, 4].find((i) => segments[i]!.endsWith('*'));
  if (star === undefined) return undefined;
  const region = segments[3]!;
  const account = segments[4]!;
  const words = typeWords(service);
  const typeWord = /^[^/]*/.exec(segments[5]!)![0];
  let misfit: number | undefined;
  let what = '';
  if (star < 3 && !/^[a-z0-9?*-]*$/.test(region)) [misfit, what] = [3, `\`${region}\` is not a region`];
  else if (star < 4 && !/^[0-9?*]*$/.test(account)) [misfit, what] = [4, `\`${account}\` is not an account`];
  else if (words.length > 0 && !/[*?]/.test(typeWord) && !words.includes(typeWord)) [misfit, what] = [5, `\`${typeWord}\` is not a resource type of \`${service}\``];
  if (misfit === undefined || misfit <= star) return undefined;
  // Per-segment form: pad with `*` so the misfitting literal lands in the resource part, naming the type if it was missing.
  const head = segments.slice(0, misfit);
  while (head.length < 5) head.push('*');
  const tail = segments.slice(misfit);
  if (misfit === 5 || (words.length > 0 && !words.includes(/^[^/]*/.exec(tail[0]!)![0]))) tail.unshift(words[0] ?? '*');
  return { star, misfit, what, fix: [...head, ...tail].join(':') };
}

function report(ctx: DocumentContext, st: Statement, raw: string, r: Reliance, pointer: string): void {
  ctx.report(
    'wildcard-spans-arn-segments',
    `\`${raw}\` matches only because the \`*\` ending its ${SEGMENT_NAMES[r.star]} segment expands across the colons after it (${r.what}); AWS matches it so, but recommends keeping wildcards within a segment`,
    `write every segment, e.g. \`${r.fix}\``,
    pointer,
    st,
  );
}
