import {describe, it, expect} from 'vitest';
import {sanitize, sanitizeLine} from '../../source/format/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

describe('sanitize', () => {
  it('returns plain text unchanged (same string)', () => {
    const s = 'web-1 nginx:1.27 héllo 日本語 👍';
    expect(sanitize(s)).toBe(s);
  });

  it('removes CSI sequences: colours, cursor moves, private modes, screen clears', () => {
    expect(sanitize(`${ESC}[31mred${ESC}[0m`)).toBe('red');
    expect(sanitize(`a${ESC}[2J${ESC}[H${ESC}[?1049hb`)).toBe('ab');
    expect(sanitize(`x${ESC}[38;2;255;0;0my`)).toBe('xy');
    expect(sanitize(`x${ESC}[1 qy`)).toBe('xy'); // intermediate byte (DECSCUSR)
  });

  it('removes OSC: title, hyperlinks (OSC 8) and clipboard writes (OSC 52), BEL or ST ended', () => {
    expect(sanitize(`${ESC}]0;pwned title${BEL}name`)).toBe('name');
    expect(sanitize(`${ESC}]8;;http://evil.example/${ST}click${ESC}]8;;${ST}`)).toBe('click');
    expect(sanitize(`a${ESC}]52;c;ZWNobyBwd25lZA==${BEL}b`)).toBe('ab');
  });

  it('removes DCS, SOS, PM and APC strings', () => {
    expect(sanitize(`a${ESC}P+q544e${ST}b`)).toBe('ab');
    expect(sanitize(`a${ESC}Xsos${ST}b${ESC}^pm${ST}c${ESC}_apc${ST}d`)).toBe('abcd');
  });

  it('removes other ESC sequences (RIS, charset selection, save cursor)', () => {
    expect(sanitize(`a${ESC}cb${ESC}(Bc${ESC}7d${ESC}=e`)).toBe('abcde');
  });

  it('drops unterminated sequences to the end', () => {
    expect(sanitize(`keep${ESC}]8;;http://evil.example/ and the rest`)).toBe('keep');
    expect(sanitize(`keep${ESC}P never ends`)).toBe('keep');
    expect(sanitize(`keep${ESC}[1;2`)).toBe('keep');
    expect(sanitize(`keep${ESC}`)).toBe('keep');
  });

  it('removes 8-bit C1 forms: CSI U+009B, OSC U+009D ended by ST U+009C', () => {
    expect(sanitize('a\u009b31mb')).toBe('ab');
    expect(sanitize('a\u009d0;title\u009cb')).toBe('ab');
    expect(sanitize('a\u0085b\u009ac')).toBe('abc');
  });

  it('removes C0 controls and DEL; TAB becomes a space; CR and LF are removed', () => {
    expect(sanitize('a\x00b\x07c\x08d\x7fe')).toBe('abcde');
    expect(sanitize('a\tb')).toBe('a b');
    expect(sanitize('line1\r\nline2\n')).toBe('line1line2');
  });

  it('removes bidi overrides and isolates, keeps zero-width joiners', () => {
    expect(sanitize('evil\u202egnp.exe')).toBe('evilgnp.exe');
    expect(sanitize('\u2066a\u2067b\u2068c\u2069\u202a\u202b\u202c\u202d')).toBe('abc');
    const family = '👨\u200d👩\u200d👧';
    expect(sanitize(family)).toBe(family);
  });

  it('leaves no ESC or control character behind, whatever the input', () => {
    // Random soup of the bytes sequences are made of: the result must never contain a control.
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = [ESC, '[', ']', 'P', '\\', BEL, '\u009b', '\u009c', '\u009d', ';', '1', 'm', 'a', '\t', '\n', '\u202e', 'é'];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(rand() * 30);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(sanitize(s)).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('is fast on a 100 KB line full of sequences (figure printed, not asserted)', () => {
    const line = `${ESC}[31merror${ESC}[0m ${ESC}]8;;http://x/${ST}link${ESC}]8;;${ST} plain text \t`.repeat(2000);
    expect(line.length).toBeGreaterThan(100_000);
    sanitize(line);
    const t0 = performance.now();
    const out = sanitize(line);
    const ms = performance.now() - t0;
    console.log(`sanitize: ${(line.length / 1024).toFixed(0)} KB in ${ms.toFixed(2)} ms`);
    expect(out.startsWith('error link plain text  error')).toBe(true);
    // Unterminated OSC at the start of 100 KB: one lazy scan, not quadratic.
    const open = `${ESC}]` + 'x'.repeat(100_000);
    const t1 = performance.now();
    expect(sanitize(open)).toBe('');
    console.log(`sanitize: unterminated OSC over 100 KB in ${(performance.now() - t1).toFixed(2)} ms`);
  });
});

describe('sanitizeLine', () => {
  it('expands tabs to the next 8-column stop', () => {
    expect(sanitizeLine('a\tb')).toBe('a       b');
    expect(sanitizeLine('abcdefgh\tx')).toBe('abcdefgh        x');
    expect(sanitizeLine('\t\tx')).toBe(' '.repeat(16) + 'x');
  });

  it('measures columns after removing sequences', () => {
    expect(sanitizeLine(`${ESC}[1mab${ESC}[0m\tc`)).toBe('ab      c');
  });

  it('uses the given measure for wide characters', () => {
    const measure = (s: string) => [...s].reduce((w, c) => w + (c === '日' ? 2 : 1), 0);
    expect(sanitizeLine('日\tx', measure)).toBe('日      x');
  });

  it('removes CR and LF and controls like sanitize', () => {
    expect(sanitizeLine(`a\r\n${ESC}]0;t${BEL}b`)).toBe('ab');
  });
});
