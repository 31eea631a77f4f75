/**
 * NO_COLOR (no-color.org) for text Ink has already styled: chalk, which Ink colours with, does not
 * read NO_COLOR, and turning chalk off would also drop bold, dim and inverse, which the selection
 * and headers need. So colours are taken out of the SGR sequences and the other styles kept.
 */

/** Whether a parameter list at `i` starts a colour: 30–37/39, 40–47/49, 90–97, 100–107, 38/48/58 (extended). */
function colourLength(params: string[], i: number): number {
  const n = Number(params[i]);
  if ((n >= 30 && n <= 37) || n === 39 || (n >= 40 && n <= 47) || n === 49 || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) || n === 59) return 1;
  if (n === 38 || n === 48 || n === 58) return params[i + 1] === '5' ? 3 : params[i + 1] === '2' ? 5 : 1;
  return 0;
}

/** `text` with every colour removed from its SGR sequences; sequences left empty are dropped. */
export function stripColours(text: string): string {
  return text.replace(/\u001b\[([0-9;]*)m/g, (whole, list: string) => {
    if (list === '' || list === '0') return whole;
    const params = list.split(';');
    const kept: string[] = [];
    for (let i = 0; i < params.length; ) {
      const skip = colourLength(params, i);
      if (skip > 0) i += skip;
      else kept.push(params[i++]);
    }
    return kept.length > 0 ? `\u001b[${kept.join(';')}m` : '';
  });
}
