import {describe, expect, it} from 'vitest';
import {createOptions, dockerRunLine, EMPTY_RUN_FIELDS, parseRunFields, shellQuote, splitWords, type RunFields} from '../../source/docker/run-spec.js';

const form = (fields: Partial<RunFields>): RunFields => ({...EMPTY_RUN_FIELDS, image: 'busybox', ...fields});

describe('splitWords', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['a b  c', ['a', 'b', 'c']],
    ['\ta\nb ', ['a', 'b']],
    ['A="x y" B=1', ['A=x y', 'B=1']],
    ["k='v 2'", ['k=v 2']],
    ['a"b c"d', ['ab cd']],
    ['"" x', ['', 'x']],
    ["''", ['']],
    ['"say \\"hi\\""', ['say "hi"']],
    ['"a\\b"', ['a\\b']],
    ["'a\\b'", ['a\\b']],
    ['a\\ b', ['a b']],
    ['end\\', ['end\\']],
    ['"it\'s"', ["it's"]],
    ["'say \"hi\"'", ['say "hi"']],
  ])('%j → %j', (text, words) => {
    expect(splitWords(text)).toEqual({words});
  });

  it.each([['"open'], ["it's"], ['a "b c'], ["x 'y"]])('unbalanced %j is an error', (text) => {
    const result = splitWords(text);
    expect(result.error).toMatch(/quote .* is not closed/);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['a=b:/c,d@e%f+g', 'a=b:/c,d@e%f+g'],
    ['', "''"],
    ['x y', "'x y'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
  ])('%j → %s', (word, quoted) => expect(shellQuote(word)).toBe(quoted));

  it('round-trips through splitWords', () => {
    const words = ['a b', "it's", '', 'x"y', '$(rm -rf /)', 'back\\slash'];
    expect(splitWords(words.map(shellQuote).join(' ')).words).toEqual(words);
  });
});

describe('parseRunFields: good input', () => {
  it('reads every field', () => {
    const {spec, errors} = parseRunFields({
      image: 'registry.local:5000/team/app:1.2',
      name: 'web-1',
      interactive: false,
      ports: '8080:80 127.0.0.1:8443:443/tcp 53:53/udp 9000 [::1]:9090:90 127.0.0.1::7000 5000:5000/SCTP',
      volumes: 'data:/data /host/path:/in:ro /etc/x:/x:rw',
      env: 'A=1 B="x y" C= D=a=b',
      labels: 'k=v k2="v 2" bare',
      command: 'sh -c "echo hi; sleep 9"',
      restart: 'on-failure:3',
      network: 'my-net',
    });
    expect(errors).toEqual({});
    expect(spec).toEqual({
      image: 'registry.local:5000/team/app:1.2',
      name: 'web-1',
      interactive: false,
      ports: [
        {hostPort: 8080, containerPort: 80, protocol: 'tcp'},
        {hostIp: '127.0.0.1', hostPort: 8443, containerPort: 443, protocol: 'tcp'},
        {hostPort: 53, containerPort: 53, protocol: 'udp'},
        {containerPort: 9000, protocol: 'tcp'},
        {hostIp: '::1', hostPort: 9090, containerPort: 90, protocol: 'tcp'},
        {hostIp: '127.0.0.1', containerPort: 7000, protocol: 'tcp'},
        {hostPort: 5000, containerPort: 5000, protocol: 'sctp'},
      ],
      mounts: [
        {source: 'data', target: '/data', readOnly: false, kind: 'volume'},
        {source: '/host/path', target: '/in', readOnly: true, kind: 'bind'},
        {source: '/etc/x', target: '/x', readOnly: false, kind: 'bind'},
      ],
      env: ['A=1', 'B=x y', 'C=', 'D=a=b'],
      labels: {k: 'v', k2: 'v 2', bare: ''},
      cmd: ['sh', '-c', 'echo hi; sleep 9'],
      restart: {name: 'on-failure', maximumRetryCount: 3},
      network: 'my-net',
    });
  });

  it('leaves blank optional fields out', () => {
    expect(parseRunFields(form({}))).toEqual({spec: {image: 'busybox', interactive: false, ports: [], mounts: [], env: [], labels: {}}, errors: {}});
  });

  it.each([
    'busybox', 'busybox:latest', 'library/busybox', 'docker.io/library/busybox:1.36', 'localhost:5000/a/b', 'my_repo/x__y', 'a-b--c',
    'gcr.io/p/img@sha256:' + 'a'.repeat(64), 'app:v1.2_rc-3', '[::1]:5000/app', 'sha256:' + 'b'.repeat(64), 'whalewatch-fixture:test',
  ])('image %s is accepted', (image) => {
    expect(parseRunFields(form({image})).errors).toEqual({});
  });

  it.each([
    ['no', {name: 'no'}], ['always', {name: 'always'}], ['unless-stopped', {name: 'unless-stopped'}],
    ['on-failure', {name: 'on-failure'}], ['on-failure:0', {name: 'on-failure', maximumRetryCount: 0}],
  ])('restart %s', (restart, policy) => {
    expect(parseRunFields(form({restart})).spec?.restart).toEqual(policy);
  });

  it('takes a leading slash off the name, as the engine does', () => {
    expect(parseRunFields(form({name: '/web'})).spec?.name).toBe('web');
  });
});

describe('parseRunFields: bad input, one sentence per field', () => {
  it.each<[Partial<RunFields>, keyof RunFields, RegExp]>([
    [{image: ''}, 'image', /^an image is required$/],
    [{image: '   '}, 'image', /required/],
    [{image: 'Busybox'}, 'image', /must be lowercase/],
    [{image: 'a b'}, 'image', /one word/],
    [{image: 'busybox:'}, 'image', /not a valid image reference/],
    [{image: 'busybox::1'}, 'image', /not a valid image reference/],
    [{image: '-busybox'}, 'image', /not a valid image reference/],
    [{image: 'a/'}, 'image', /not a valid image reference/],
    [{image: 'img@sha256:abc'}, 'image', /not a valid image reference/],
    [{image: 'x:' + 't'.repeat(129)}, 'image', /not a valid image reference/],
    [{image: '"unclosed'}, 'image', /not closed/],
    [{name: 'a'}, 'name', /not a valid name/],
    [{name: '-web'}, 'name', /not a valid name/],
    [{name: 'we b'}, 'name', /one word/],
    [{name: 'web!'}, 'name', /not a valid name/],
    [{name: 'wéb'}, 'name', /not a valid name/],
    [{ports: '99999'}, 'ports', /^"99999": port 99999 is out of range \(1–65535\)$/],
    [{ports: '0:80'}, 'ports', /port 0 is out of range/],
    [{ports: '8080:0'}, 'ports', /port 0 is out of range/],
    [{ports: '80:70000'}, 'ports', /out of range/],
    [{ports: 'http'}, 'ports', /not a number/],
    [{ports: '80/icmp'}, 'ports', /tcp, udp or sctp/],
    [{ports: '80/'}, 'ports', /tcp, udp or sctp/],
    [{ports: '8000-8010:80'}, 'ports', /ranges .* not supported/],
    [{ports: '1.2.3:80:80'}, 'ports', /not an IP address/],
    [{ports: 'localhost:80:80'}, 'ports', /not an IP address/],
    [{ports: ':80:80'}, 'ports', /not an IP address/],
    [{ports: '::1:80:80'}, 'ports', /brackets/],
    [{ports: '[::1:80:80'}, 'ports', /closing \]/],
    [{ports: '[1.2.3.4]:80:80'}, 'ports', /not an IPv6 address/],
    [{ports: '[::1]80'}, 'ports', /needs a port/],
    [{ports: '[::1]:80'}, 'ports', /\[ip:\]\[hostPort:\]containerPort/],
    [{ports: '8080:'}, 'ports', /container port is missing/],
    [{ports: '80 8080:x'}, 'ports', /"8080:x": the container port "x" is not a number/],
    [{ports: '-1'}, 'ports', /not a number/],
    [{volumes: '/data'}, 'volumes', /give a source and a target/],
    [{volumes: 'data:data'}, 'volumes', /must be an absolute path/],
    [{volumes: 'data:'}, 'volumes', /\(empty\) must be an absolute path/],
    [{volumes: ':/data'}, 'volumes', /source is empty/],
    [{volumes: 'data:/'}, 'volumes', /cannot be \//],
    [{volumes: 'data:/d:rx'}, 'volumes', /ro or rw/],
    [{volumes: 'data:/d:ro:z'}, 'volumes', /not source:target/],
    [{volumes: './rel:/d'}, 'volumes', /not a volume name.*absolute/],
    [{volumes: 'x:/d'}, 'volumes', /not a volume name/],
    [{volumes: 'my vol:/d'}, 'volumes', /give a source and a target/],
    [{volumes: '"my vol:/d"'}, 'volumes', /not a volume name/],
    [{env: 'HOME'}, 'env', /^HOME: give it a value \(HOME=…\); whalewatch does not pass on its own environment$/],
    [{env: 'A=1 PATH'}, 'env', /^PATH: give it a value/],
    [{env: '=x'}, 'env', /variable name is empty/],
    [{env: '"A B=1"'}, 'env', /cannot hold spaces/],
    [{env: 'A="x'}, 'env', /not closed/],
    [{labels: '=v'}, 'labels', /label key is empty/],
    [{labels: "k='v"}, 'labels', /not closed/],
    [{command: 'sh -c "echo'}, 'command', /not closed/],
    [{restart: 'sometimes'}, 'restart', /not a restart policy/],
    [{restart: 'always:3'}, 'restart', /only goes with on-failure/],
    [{restart: 'on-failure:-1'}, 'restart', /whole number/],
    [{restart: 'on-failure:x'}, 'restart', /whole number/],
    [{restart: 'on-failure:1:2'}, 'restart', /not a restart policy/],
    [{restart: 'no always'}, 'restart', /one word/],
    [{restart: 'Always'}, 'restart', /not a restart policy/],
    [{network: 'a b'}, 'network', /one word/],
    [{network: 'bad\u0007'}, 'network', /control characters/],
  ])('%j → %s', (fields, key, message) => {
    const {spec, errors} = parseRunFields(form(fields));
    expect(spec).toBeUndefined();
    expect(Object.keys(errors)).toEqual([key]);
    expect(errors[key]).toMatch(message);
    // One short sentence: a single line, no trailing stack or list.
    expect(errors[key]).not.toMatch(/\n/);
  });

  it('reports every bad field at once', () => {
    const {errors} = parseRunFields({...EMPTY_RUN_FIELDS, name: '!', ports: '0', volumes: 'a', env: 'X', restart: 'x'});
    expect(Object.keys(errors).sort()).toEqual(['env', 'image', 'name', 'ports', 'restart', 'volumes']);
  });
});

describe('dockerRunLine', () => {
  it('shows the whole command with shell quoting', () => {
    expect(dockerRunLine({
      image: 'nginx:1.27', name: 'web', interactive: false, ports: '8080:80 53:53/udp', volumes: 'data:/data /h:/in:ro',
      env: 'A=1 B="x y"', labels: "k='v 2'", command: 'sh -c "echo it\'s"', restart: 'always', network: 'net',
    })).toBe("docker run -d --name web -p 8080:80 -p 53:53/udp -v data:/data -v /h:/in:ro -e A=1 -e 'B=x y' -l 'k=v 2' --restart always --network net nginx:1.27 sh -c 'echo it'\\''s'");
  });

  it('uses -it for an interactive run and leaves out blank fields', () => {
    expect(dockerRunLine({...EMPTY_RUN_FIELDS, image: 'busybox', interactive: true, command: 'sh'})).toBe('docker run -it busybox sh');
  });

  it('still shows what was typed when it is invalid', () => {
    expect(dockerRunLine({...EMPTY_RUN_FIELDS, image: 'Bad Image', ports: '99999', env: 'A="x y'})).toBe('docker run -d -p 99999 -e \'A="x\' -e y Bad Image');
  });
});

describe('createOptions', () => {
  it('builds the create body as the docker CLI does', () => {
    const {spec} = parseRunFields({
      image: 'busybox', name: 'web', interactive: false, ports: '8080:80 127.0.0.1:8081:80 [::1]::81/udp 9000', volumes: 'data:/data /h:/in:ro',
      env: 'A=1', labels: 'k=v', command: 'sleep 9', restart: 'on-failure:2', network: 'net',
    });
    expect(createOptions(spec!)).toEqual({
      name: 'web',
      Image: 'busybox',
      Cmd: ['sleep', '9'],
      Env: ['A=1'],
      Labels: {k: 'v'},
      ExposedPorts: {'80/tcp': {}, '81/udp': {}, '9000/tcp': {}},
      Tty: false, OpenStdin: false, StdinOnce: false, AttachStdin: false, AttachStdout: false, AttachStderr: false,
      HostConfig: {
        PortBindings: {
          '80/tcp': [{HostIp: '', HostPort: '8080'}, {HostIp: '127.0.0.1', HostPort: '8081'}],
          '81/udp': [{HostIp: '::1', HostPort: ''}],
          '9000/tcp': [{HostIp: '', HostPort: ''}],
        },
        Binds: ['data:/data', '/h:/in:ro'],
        RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 2},
        NetworkMode: 'net',
      },
    });
  });

  it('opens and attaches a TTY for an interactive run, and leaves out what was not asked', () => {
    const options = createOptions({image: 'busybox', interactive: true, ports: [], mounts: [], env: [], labels: {}}) as Record<string, unknown>;
    expect(options).toMatchObject({Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true});
    expect(options).not.toHaveProperty('name');
    expect(options).not.toHaveProperty('Cmd');
    expect(options.HostConfig).toEqual({PortBindings: {}, Binds: []});
  });
});
