import { globMatch, type GlobToken } from './glob';

/** Splits a token list at its first five colons and matches component by component. */
export function componentGlob(tokens: readonly GlobToken[], value: string): boolean {
  const components: GlobToken[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string' || components.length >= 6) {
      components[components.length - 1]!.push(t);
      continue;
    }
    const pieces = t.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (components.length >= 6) {
          const last = components[components.length - 1]!;
          const prev = last[last.length - 1];
          if (typeof prev === 'string') last[last.length - 1] = `${prev}:`;
          else last.push(':');
        } else components.push([]);
      }
      if (piece !== '') {
        const cur = components[components.length - 1]!;
        const prev = cur[cur.length - 1];
        if (typeof prev === 'string') cur[cur.length - 1] = prev + piece;
        else cur.push(piece);
      }
    });
  }
  const subject = value.split(':');
  const subjectComponents = [...subject.slice(0, 5), subject.slice(5).join(':')];
  if (subject.length < 6) return false;
  if (components.length < 6) {
    // A short pattern matches only when its last component ends in `*`, which then spans the rest.
    const last = components[components.length - 1]!;
    if (last[last.length - 1] !== 0) return false;
    for (let i = 0; i < components.length - 1; i++) if (!globMatch(components[i]!, subjectComponents[i]!)) return false;
    return globMatch(last, subject.slice(components.length - 1).join(':'));
  }
  for (let i = 0; i < 6; i++) if (!globMatch(components[i]!, subjectComponents[i]!)) return false;
  return true;
}
