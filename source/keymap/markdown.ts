import {COMMANDS, SCOPE_TITLES, displayKey, type Scope} from './keymap.js';

/** Markers around the generated key table in readme.md. */
export const BEGIN = '<!-- keys:begin (generated from source/keymap/keymap.ts: npm run readme:keys) -->';
export const END = '<!-- keys:end -->';

/** The readme's key table, one section per scope, straight from the keymap table. */
export function keyTableMarkdown(): string {
  const scopes = [...new Set(COMMANDS.map((c) => c.scope))] as Scope[];
  const parts: string[] = [];
  for (const scope of scopes) {
    parts.push(`**${SCOPE_TITLES[scope]}**`, '', '| key | does |', '|---|---|');
    for (const c of COMMANDS.filter((x) => x.scope === scope)) {
      const keys = c.keys.map((k) => `\`${displayKey(k).replace('|', '\\|')}\``).join(' ');
      parts.push(`| ${keys} | ${c.description}${c.mutating ? ' *(hidden in read-only mode)*' : ''} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

/** Puts the generated table between the markers of a readme's text. */
export function withKeyTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('readme.md has no key table markers');
  return `${readme.slice(0, start + BEGIN.length)}\n${keyTableMarkdown()}\n${readme.slice(end)}`;
}
