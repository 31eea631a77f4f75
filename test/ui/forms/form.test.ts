import {describe, expect, it} from 'vitest';
import {cycleChoice, firstInvalid, moveFocus} from '../../../source/ui/forms/form.js';
import {networkForm, subnetError, INITIAL_NETWORK_VALUES, networkOptions} from '../../../source/ui/forms/network-form.js';
import {volumeForm, INITIAL_VOLUME_VALUES, volumeOptions} from '../../../source/ui/forms/volume-form.js';
import {buildForm, initialBuildValues, tagError} from '../../../source/ui/forms/build-form.js';
import {parseKeyValues, shellWord} from '../../../source/ui/forms/key-values.js';
import {fileURLToPath} from 'node:url';

describe('form focus and choices', () => {
  it('wraps around both ways', () => {
    expect(moveFocus(3, 2, 1)).toBe(0);
    expect(moveFocus(3, 0, -1)).toBe(2);
    expect(cycleChoice(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(cycleChoice(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(cycleChoice(['a', 'b'], 'unknown', 1)).toBe('b');
  });

  it('finds the first field with an error, in field order', () => {
    expect(firstInvalid(networkForm.fields, {labels: 'x', subnet: 'y'})).toBe(2);
    expect(firstInvalid(networkForm.fields, {})).toBe(-1);
  });
});

describe('key=value fields', () => {
  it('reads shell-like words and says which one has no value', () => {
    expect(parseKeyValues('a=1 b="two words" c=', 'label')).toEqual({values: {a: '1', b: 'two words', c: ''}});
    expect(parseKeyValues('a=1 oops', 'label').error).toBe('label oops has no value (write oops=…)');
    expect(parseKeyValues('=x', 'option').error).toMatch(/no name before =/);
    expect(parseKeyValues('a="unclosed', 'label').error).toBeTruthy();
  });

  it('quotes words for the preview only when a shell needs it', () => {
    expect(shellWord('tier=front')).toBe('tier=front');
    expect(shellWord('two words')).toBe("'two words'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});

describe('the network form', () => {
  const values = {...INITIAL_NETWORK_VALUES, name: 'back', subnet: '10.77.0.0/16', gateway: '10.77.0.1', internal: 'yes (--internal)', labels: 'tier=back'};

  it('accepts a good network and shows the docker line', () => {
    expect(networkForm.validate(values)).toEqual({});
    expect(networkForm.preview!(values)).toBe('docker network create --subnet 10.77.0.0/16 --gateway 10.77.0.1 --internal --label tier=back back');
    expect(networkOptions(values)).toEqual({name: 'back', driver: 'bridge', subnet: '10.77.0.0/16', gateway: '10.77.0.1', internal: true, labels: {tier: 'back'}});
  });

  it.each([
    [{name: ''}, 'name', 'a network needs a name'],
    [{name: '-x'}, 'name', 'letters, digits'],
    [{subnet: '10.0.0.0'}, 'subnet', 'write it as'],
    [{subnet: '300.0.0.0/8'}, 'subnet', 'not an IPv4 address'],
    [{subnet: '10.0.0.0/40'}, 'subnet', 'not a prefix length'],
    [{gateway: '10.0.0.x'}, 'gateway', 'not an IPv4 address'],
    [{subnet: '', gateway: '10.0.0.1'}, 'gateway', 'needs a subnet'],
    [{labels: 'tier'}, 'labels', 'has no value'],
  ])('refuses %o in %s', (change, field, message) => {
    const errors = networkForm.validate({...values, ...change}) as Record<string, string>;
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toContain(message);
  });

  it('says what is wrong with a subnet', () => {
    expect(subnetError('172.30.0.0/24')).toBeUndefined();
    expect(subnetError('1.2.3.4/5/6')).toMatch(/not a subnet/);
  });
});

describe('the volume form', () => {
  it('accepts a name-less local volume, and options for the local driver', () => {
    const values = {...INITIAL_VOLUME_VALUES, labels: 'a=1', options: 'type=tmpfs device=tmpfs o=size=8m'};
    expect(volumeForm.validate(values)).toEqual({});
    expect(volumeForm.preview!(values)).toBe('docker volume create --label a=1 --opt type=tmpfs --opt device=tmpfs --opt o=size=8m');
    expect(volumeOptions(values)).toEqual({name: undefined, driver: 'local', labels: {a: '1'}, driverOpts: {type: 'tmpfs', device: 'tmpfs', o: 'size=8m'}});
  });

  it('refuses a bad name, an empty driver and a label without a value', () => {
    expect(Object.keys(volumeForm.validate({...INITIAL_VOLUME_VALUES, name: 'bad name', driver: ' ', labels: 'x'})).sort()).toEqual(['driver', 'labels', 'name']);
  });
});

describe('the build form', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));

  it('checks the directory and the Dockerfile before anything is sent', () => {
    expect(buildForm.validate({...initialBuildValues('/nonexistent-dir')}).directory).toMatch(/is not a directory/);
    expect(buildForm.validate({...initialBuildValues(dir)}).dockerfile).toMatch(/no Dockerfile in/);
  });

  it('checks tags like the engine would', () => {
    expect(tagError('myapp:dev')).toBeUndefined();
    expect(tagError('127.0.0.1:5000/team/app:1.2')).toBeUndefined();
    expect(tagError('My App')).toBe('a tag has no spaces');
    expect(tagError('UPPER:x')).toMatch(/not a valid reference/);
  });
});
