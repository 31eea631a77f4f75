import {describe, expect, it} from 'vitest';
import {expandIdentityPath, matchesHost, matchPattern, parseSshConfig, sshHostConfig} from '../../source/docker/ssh-config.js';

const CONFIG = `
# global options apply to every host
IdentityFile ~/.ssh/global_key

Host prod-? !prod-9
  HostName %h.example.com
  User=deploy
  Port 2200

Host "build box" builder
  HostName 10.0.0.7
  IdentityFile "~/.ssh/my key"

Match host *.internal
  User matched

Host *
  User everyone
  Port 22
  HostName ignored-when-set-above
`;

describe('ssh config', () => {
  const blocks = parseSshConfig(CONFIG);

  it('matches * and ? patterns, case-insensitively, with negations', () => {
    expect(matchPattern('prod-1', 'prod-?')).toBe(true);
    expect(matchPattern('prod-12', 'prod-?')).toBe(false);
    expect(matchPattern('A.Example.COM', '*.example.com')).toBe(true);
    expect(matchPattern('[127.0.0.1]:22', '[127.0.0.1]:22')).toBe(true);
    expect(matchesHost('prod-9', ['prod-?', '!prod-9'])).toBe(false);
    expect(matchesHost('prod-3', ['prod-?', '!prod-9'])).toBe(true);
  });

  it('takes the first value of each option, as ssh does', () => {
    expect(sshHostConfig(blocks, 'prod-1')).toEqual({hostName: 'prod-1.example.com', user: 'deploy', port: 2200, identityFiles: ['~/.ssh/global_key']});
    // prod-9 is excluded from the prod block, so only Host * applies.
    expect(sshHostConfig(blocks, 'prod-9')).toEqual({hostName: 'ignored-when-set-above', user: 'everyone', port: 22, identityFiles: ['~/.ssh/global_key']});
  });

  it('accumulates IdentityFile, keeps quoted values, ignores Match blocks', () => {
    expect(sshHostConfig(blocks, 'builder')).toEqual({hostName: '10.0.0.7', user: 'everyone', port: 22, identityFiles: ['~/.ssh/global_key', '~/.ssh/my key']});
    expect(sshHostConfig(blocks, 'build box').hostName).toBe('10.0.0.7');
    expect(sshHostConfig(blocks, 'x.internal').user).toBe('everyone');
  });

  it('says nothing about a host no block matches', () => {
    expect(sshHostConfig(parseSshConfig('Host a\n  Port 1\n'), 'b')).toEqual({identityFiles: []});
    expect(sshHostConfig(parseSshConfig(''), 'b')).toEqual({identityFiles: []});
  });

  it('drops a port that is not one', () => {
    expect(sshHostConfig(parseSshConfig('Host a\n  Port http\nHost *\n  Port 70000\n'), 'a').port).toBeUndefined();
  });

  it('expands ~ and % tokens in key paths', () => {
    const vars = {home: '/home/u', host: 'h', user: 'r', localUser: 'l'};
    expect(expandIdentityPath('~/.ssh/id_%h_%r', vars)).toBe('/home/u/.ssh/id_h_r');
    expect(expandIdentityPath('%d/k%%%u', vars)).toBe('/home/u/k%l');
    expect(expandIdentityPath('/abs/~x', vars)).toBe('/abs/~x');
  });
});
