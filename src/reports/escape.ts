/**
 * Escaping for every text that comes from policies, inventory or scenarios. Builders put nothing into
 * markup without passing it through one of these.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values (always double-quoted in our markup). */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** An id fragment safe in `href="#…"` and `id="…"`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** One CSV field (RFC 4180); a leading `=`, `+`, `-` or `@` is prefixed so spreadsheets never run it as a formula. */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Inline Markdown text (one implementation for every renderer: src/model/markdown.ts). */
export { md } from '../model/markdown';

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function mdFence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
