import {describe, expect, it} from 'vitest';
import {imageLabel, matchesLabels, planPrune, type PrunePlanInput} from '../../source/docker/prune-plan.js';
import type {Container, Image, Network, Volume} from '../../source/docker/types.js';

const container = (name: string, state: Container['state'], more: Partial<Container> = {}): Container => ({
  id: `id-${name}`, name, image: 'x', state, health: undefined, status: '', created: 0, ports: [], labels: {}, imageId: 'sha256:used', mounts: [], networks: [], ...more,
});
const image = (id: string, tags: string[], more: Partial<Image> = {}): Image => ({id, tags, digests: [], created: 0, size: 1, labels: {}, ...more});
const network = (name: string, more: Partial<Network> = {}): Network => ({id: `n-${name}`, name, driver: 'bridge', scope: 'local', subnets: [], internal: false, labels: {}, ...more});
const volume = (name: string, more: Partial<Volume> = {}): Volume => ({name, driver: 'local', mountpoint: '', scope: 'local', labels: {}, options: {}, ...more});

const input: PrunePlanInput = {
  containers: [
    container('up', 'running', {networks: ['front'], mounts: [{type: 'volume', name: 'live', source: '', destination: '/d'}]}),
    container('paused', 'paused'),
    container('done', 'exited', {imageId: 'sha256:olduse', mounts: [{type: 'volume', name: 'old', source: '', destination: '/o'}], labels: {team: 'a'}}),
    container('fresh', 'created', {labels: {team: 'b'}}),
  ],
  images: [
    image('sha256:used', ['app:1']),
    image('sha256:olduse', ['old:1']),
    image('sha256:' + 'd'.repeat(64), []),
    image('sha256:digested', [], {digests: ['app@sha256:abc']}),
    image('sha256:spare', ['spare:1'], {labels: {team: 'a'}}),
  ],
  networks: [network('bridge'), network('host', {driver: 'host'}), network('none', {driver: 'null'}), network('front'), network('back', {labels: {team: 'a'}}), network('ingress', {scope: 'swarm', driver: 'overlay'})],
  volumes: [volume('live'), volume('old'), volume('anon', {labels: {'com.docker.volume.anonymous': ''}}), volume('remote', {driver: 'nfs'})],
};

describe('planPrune', () => {
  it('lists what docker system prune would remove', () => {
    expect(planPrune(input, {all: false, volumes: false, anonymousVolumesOnly: false})).toEqual({
      containers: ['done', 'fresh'], images: ['dddddddddddd'], networks: ['back'], volumes: [],
    });
  });

  it('with -a every image no surviving container uses, with --volumes the unused local volumes', () => {
    expect(planPrune(input, {all: true, volumes: true, anonymousVolumesOnly: false})).toEqual({
      containers: ['done', 'fresh'], images: ['old:1', 'dddddddddddd', 'app@sha256:abc', 'spare:1'], networks: ['back'], volumes: ['old', 'anon'],
    });
  });

  it('on API 1.42 and later only anonymous volumes', () => {
    expect(planPrune(input, {all: false, volumes: true, anonymousVolumesOnly: true}).volumes).toEqual(['anon']);
  });

  it('keeps to a label filter, and what the kept containers use survives', () => {
    expect(planPrune(input, {all: true, volumes: true, anonymousVolumesOnly: false, filters: {label: ['team=a']}})).toEqual({
      containers: ['done'], images: ['spare:1'], networks: ['back'], volumes: [],
    });
    // "fresh" (team b) stays, and so does nothing it uses; the image "done" used goes only with its label.
    expect(planPrune(input, {all: true, volumes: false, anonymousVolumesOnly: false, filters: {label: ['team=b']}}).containers).toEqual(['fresh']);
  });
});

describe('matchesLabels and imageLabel', () => {
  it.each<[Record<string, string>, string[], boolean]>([
    [{a: '1'}, [], true], [{a: '1'}, ['a'], true], [{a: '1'}, ['a=1'], true], [{a: '1'}, ['a=2'], false], [{a: ''}, ['a='], true],
    [{a: '1'}, ['a=1', 'b'], false], [{a: '1', b: 'x=y'}, ['a=1', 'b=x=y'], true], [{}, ['a'], false],
  ])('%j with %j → %s', (labels, label, expected) => expect(matchesLabels(labels, {label})).toBe(expected));

  it('names an image by tag, digest or short id', () => {
    expect(imageLabel(image('sha256:0123456789abcdef', ['a:1', 'b:2']))).toBe('a:1');
    expect(imageLabel(image('sha256:0123456789abcdef', [], {digests: ['a@sha256:1']}))).toBe('a@sha256:1');
    expect(imageLabel(image('sha256:0123456789abcdef', []))).toBe('0123456789ab');
  });
});
