import path from 'node:path';
import type {FormSpec} from './form.js';
import {validateAddedHost, type AddedHost} from '../../docker/host-config.js';

/** What the add-host form holds. */
export type HostFormValues = {name: string; url: string; ca: string; cert: string; key: string; verify: string};

/** The first values: empty, TLS verification on. */
export const INITIAL_HOST_VALUES: HostFormValues = {name: '', url: '', ca: '', cert: '', key: '', verify: 'on'};

/** The host to save from valid form values (TLS only when a file is given or verification is off). */
export function addedHostOf(values: HostFormValues): AddedHost {
  const host: AddedHost = {name: values.name.trim(), url: values.url.trim()};
  const files = {ca: values.ca.trim(), cert: values.cert.trim(), key: values.key.trim()};
  if (/^tcp:\/\//i.test(host.url) && (files.ca || files.cert || files.key || values.verify === 'off')) {
    host.tls = {verify: values.verify === 'on'};
    for (const k of ['ca', 'cert', 'key'] as const) if (files[k]) host.tls[k] = files[k];
  }
  return host;
}

/** The add-host form; `existing` are the names already added (a name is used once). */
export function hostForm(existing: readonly string[]): FormSpec<HostFormValues> {
  return {
    title: 'Add a Docker host (kept in whalewatch\'s config file)',
    submitLabel: 'adds it',
    fields: [
      {id: 'name', label: 'Name', kind: 'text', hint: 'e.g. lab'},
      {id: 'url', label: 'URL', kind: 'text', hint: 'unix:///var/run/docker.sock, tcp://10.0.0.5:2376, ssh://me@box'},
      {id: 'ca', label: 'TLS CA file', kind: 'text', hint: 'tcp only; e.g. ~/.docker/lab/ca.pem (absolute path)'},
      {id: 'cert', label: 'TLS cert file', kind: 'text', hint: 'client certificate (with its key)'},
      {id: 'key', label: 'TLS key file', kind: 'text', hint: 'client key'},
      {id: 'verify', label: 'Verify server', kind: 'choice', choices: ['on', 'off']},
    ],
    validate: (values) => {
      const errors: Partial<Record<keyof HostFormValues, string>> = validateAddedHost(values, existing);
      const tcp = /^tcp:\/\//i.test(values.url.trim());
      for (const k of ['ca', 'cert', 'key'] as const) {
        const file = values[k].trim();
        if (!file) continue;
        if (!tcp) errors[k] = 'TLS files apply to tcp:// hosts only';
        else if (!path.isAbsolute(file)) errors[k] = 'give an absolute path';
      }
      if (tcp && values.cert.trim() && !values.key.trim()) errors.key = 'a client certificate needs its key';
      if (tcp && values.key.trim() && !values.cert.trim()) errors.cert = 'a client key needs its certificate';
      return errors;
    },
    preview: (values) => JSON.stringify(addedHostOf(values)),
  };
}
