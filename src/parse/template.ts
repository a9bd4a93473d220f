import type { Template, TemplatePart } from '../model';

export type TemplateResult = { readonly template: Template } | { readonly error: string };

const ESCAPES: Record<string, '*' | '?' | '$'> = { '*': '*', '?': '?', $: '$' };
// Tag keys may hold any Unicode letter or digit, spaces and + - = . _ : / @ (AWS tag rules).
const KEY = /^[\p{L}\p{N}_.:/+=@ -]+$/u;

/**
 * Splits a policy string into text, escapes and `${…}` variables. Variables exist only under
 * Version 2012-10-17 (`variables` true); otherwise the whole string is literal text.
 */
export function parseTemplate(raw: string, variables: boolean): TemplateResult {
  if (!variables || !raw.includes('${')) {
    return { template: { raw, parts: raw === '' ? [] : [{ kind: 'text', text: raw }], hasVariables: false } };
  }
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  let i = 0;
  let text = '';
  while (i < raw.length) {
    if (raw.startsWith('${', i)) {
      const end = raw.indexOf('}', i + 2);
      if (end < 0) return { error: `unterminated policy variable in \`${raw}\`: close it with \`}\`` };
      const body = raw.slice(i + 2, end);
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      // Own keys only: `${constructor}` is a variable, not an escape inherited from Object.prototype.
      const escaped = Object.prototype.hasOwnProperty.call(ESCAPES, body) ? ESCAPES[body] : undefined;
      if (escaped !== undefined) {
        parts.push({ kind: 'escaped', char: escaped });
      } else {
        const withDefault = /^(.*?), '([^']*)'$/.exec(body);
        const key = withDefault ? withDefault[1]! : body;
        if (key === '' || !KEY.test(key) || key.includes(',')) {
          return {
            error: `invalid policy variable \`\${${body}}\`: write \`\${key}\` or \`\${key, 'default'}\` (comma, one space, single quotes)`,
          };
        }
        hasVariables = true;
        parts.push(
          withDefault
            ? { kind: 'variable', key: key.toLowerCase(), name: key, raw: `\${${body}}`, default: withDefault[2]! }
            : { kind: 'variable', key: key.toLowerCase(), name: key, raw: `\${${body}}` },
        );
      }
      i = end + 1;
    } else {
      text += raw[i];
      i++;
    }
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { template: { raw, parts, hasVariables } };
}
