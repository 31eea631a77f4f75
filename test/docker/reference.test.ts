import {describe, expect, it} from 'vitest';
import {parseReference} from '../../source/docker/reference.js';

describe('parseReference', () => {
  it('defaults the tag to latest, as docker pull does', () => {
    expect(parseReference('busybox')).toEqual({repository: 'busybox', tag: 'latest'});
    expect(parseReference('library/busybox')).toEqual({repository: 'library/busybox', tag: 'latest'});
    expect(parseReference(' app ')).toEqual({repository: 'app', tag: 'latest'});
  });

  it('reads the tag after the last colon only when no slash follows it (a registry port is no tag)', () => {
    expect(parseReference('app:1.2')).toEqual({repository: 'app', tag: '1.2'});
    expect(parseReference('127.0.0.1:5000/team/app')).toEqual({repository: '127.0.0.1:5000/team/app', tag: 'latest'});
    expect(parseReference('127.0.0.1:5000/team/app:v2')).toEqual({repository: '127.0.0.1:5000/team/app', tag: 'v2'});
    expect(parseReference('localhost:5000/app')).toEqual({repository: 'localhost:5000/app', tag: 'latest'});
  });

  it('takes a digest as what to pull', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseReference(`app@${digest}`)).toEqual({repository: 'app', tag: digest, digest});
    expect(parseReference(`r:5000/app:v1@${digest}`)).toEqual({repository: 'r:5000/app', tag: digest, digest});
  });
});
