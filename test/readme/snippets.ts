// The README's code blocks, for the tests that type-check and run them as a user would.
import { readFileSync } from 'node:fs';

/** One fenced block: the heading it sits under, its language tag and its text. */
export interface Snippet { heading: string; lang: string; code: string }

export const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Every fenced block of the README, in order. */
export function readmeSnippets(): Snippet[] {
  const out: Snippet[] = [];
  let heading = '';
  const lines = README.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{2,3} (.*)/.exec(lines[i]);
    if (h) heading = h[1];
    const fence = /^```(\w*)/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    out.push({ heading, lang: fence[1], code: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return out;
}

/** The one block under `heading` whose text contains `marker`; throws when there is not exactly one. */
export function snippet(heading: string, marker = ''): Snippet {
  const found = readmeSnippets().filter((s) => s.heading === heading && s.code.includes(marker));
  if (found.length !== 1) throw new Error(`README: ${found.length} blocks under "${heading}" contain ${JSON.stringify(marker)}`);
  return found[0];
}
