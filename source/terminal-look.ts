/**
 * How to draw for the terminal we were given: which glyphs, whether colours, and whether the
 * styles the selection needs (inverse, bold, dim) must be kept on even though the colour library
 * would turn them off.
 */

/** The choices cli.tsx makes from TERM, NO_COLOR and the flags. */
export type TerminalLook = {
  /** Only ASCII glyphs (borders, bars, arrows). */
  ascii: boolean;
  /** Colours taken out of every frame; bold, dim and inverse stay. */
  noColour: boolean;
  /**
   * The colour library's level must be raised to 1: it switches every style off for TERM=dumb,
   * and the selection would then be invisible (it is drawn in inverse).
   */
  keepStyles: boolean;
};

/**
 * The look for `env` and the --ascii flag (undefined when not given). TERM=dumb gets the plainest
 * frames that still work: ASCII, no colours, inverse kept. A terminal that really cannot move its
 * cursor cannot show a dashboard at all; in practice TERM=dumb is a capable terminal that was
 * mislabelled (`env -i`, some ssh and CI wrappers), so we draw rather than refuse. The Linux
 * console has colours but few glyphs beyond ASCII. FORCE_COLOR=0 is the user turning styles off
 * on purpose, so it is left alone.
 */
export function terminalLook(env: NodeJS.ProcessEnv, asciiFlag: boolean | undefined): TerminalLook {
  const term = env.TERM ?? '';
  const dumb = term === 'dumb';
  return {
    ascii: asciiFlag ?? (dumb || term === 'linux'),
    noColour: Boolean(env.NO_COLOR) || dumb,
    keepStyles: dumb && env.FORCE_COLOR !== '0',
  };
}
