import {describe, expect, it} from 'vitest';
import {helpText, parseCli, versionText} from '../source/cli-args.js';
import {readFileSync} from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('the command line', () => {
  it('reads long and short flags, joined or separate values', () => {
    expect(parseCli(['--host', 'unix:///a.sock', '--read-only', '--print-env'])).toEqual({
      run: {host: 'unix:///a.sock', context: undefined, readOnly: true, ascii: undefined, printEnv: true},
    });
    expect(parseCli(['-H', 'tcp://h:2375', '-c', 'ctx'])).toMatchObject({run: {host: 'tcp://h:2375', context: 'ctx', readOnly: false, printEnv: false}});
    expect(parseCli(['--host=ssh://u@h', '-Hunix:///b.sock'])).toMatchObject({run: {host: 'unix:///b.sock'}});
  });

  it('leaves --ascii undefined unless given, and the last of --ascii and --no-ascii wins', () => {
    expect(parseCli([])).toMatchObject({run: {ascii: undefined}});
    expect(parseCli(['--ascii'])).toMatchObject({run: {ascii: true}});
    expect(parseCli(['--no-ascii'])).toMatchObject({run: {ascii: false}});
    expect(parseCli(['--no-ascii', '--ascii'])).toMatchObject({run: {ascii: true}});
    expect(parseCli(['--ascii', '--no-ascii'])).toMatchObject({run: {ascii: false}});
  });

  it('ignores unknown flags and positionals, and says when a value is missing', () => {
    expect(parseCli(['--frobnicate', 'x', '-H', 'unix:///a.sock'])).toMatchObject({run: {host: 'unix:///a.sock'}});
    expect(parseCli(['--host'])).toEqual({error: '--host (-H) needs a value'});
    expect(parseCli(['--read-only', '-c'])).toEqual({error: '--context (-c) needs a value'});
  });

  it('prints help or the version only when asked alone, as meow did', () => {
    expect(parseCli(['--help'])).toEqual({print: 'help'});
    expect(parseCli(['--version'])).toEqual({print: 'version'});
    expect(parseCli(['--help', '--read-only'])).toHaveProperty('run');
    expect(versionText()).toBe(pkg.version);
    expect(helpText('\n  Usage\n    $ whalewatch\n')).toBe(`\n  ${pkg.description}\n\n  Usage\n    $ whalewatch\n`);
  });
});
