import {describe, expect, it} from 'vitest';
import {terminalLook} from '../source/terminal-look.js';

describe('terminalLook', () => {
  it('draws Unicode in colour on the usual terminals', () => {
    for (const TERM of ['xterm', 'xterm-256color', 'screen', 'screen-256color', 'tmux-256color']) {
      expect(terminalLook({TERM}, undefined)).toEqual({ascii: false, noColour: false, keepStyles: false});
    }
  });

  it('keeps colours but only ASCII glyphs on the Linux console', () => {
    expect(terminalLook({TERM: 'linux'}, undefined)).toEqual({ascii: true, noColour: false, keepStyles: false});
  });

  it('draws TERM=dumb in ASCII without colours, and keeps inverse for the selection', () => {
    expect(terminalLook({TERM: 'dumb'}, undefined)).toEqual({ascii: true, noColour: true, keepStyles: true});
    // The user switched styles off on purpose.
    expect(terminalLook({TERM: 'dumb', FORCE_COLOR: '0'}, undefined).keepStyles).toBe(false);
  });

  it('lets --ascii and --no-ascii override TERM, and honours NO_COLOR anywhere', () => {
    expect(terminalLook({TERM: 'linux'}, false).ascii).toBe(false);
    expect(terminalLook({TERM: 'xterm'}, true).ascii).toBe(true);
    expect(terminalLook({TERM: 'dumb'}, false).ascii).toBe(false);
    expect(terminalLook({TERM: 'xterm', NO_COLOR: '1'}, undefined).noColour).toBe(true);
    expect(terminalLook({TERM: 'xterm', NO_COLOR: ''}, undefined).noColour).toBe(false);
  });
});
