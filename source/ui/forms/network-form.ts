import type {FormSpec} from './form.js';
import {NAME_RE, parseKeyValues, shellWord} from './key-values.js';

/** What the network form holds. */
export type NetworkFormValues = {name: string; driver: string; subnet: string; gateway: string; internal: string; labels: string};

/** The internal choice. */
export const INTERNAL = ['no', 'yes (--internal)'] as const;

/** The first values of the network form. */
export const INITIAL_NETWORK_VALUES: NetworkFormValues = {name: '', driver: 'bridge', subnet: '', gateway: '', internal: INTERNAL[0], labels: ''};

/** An IPv4 address, each part 0–255. */
function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** Why `text` is not an IPv4 CIDR subnet, or undefined when it is one. */
export function subnetError(text: string): string | undefined {
  const [address, bits, extra] = text.split('/');
  if (extra !== undefined || bits === undefined) return `${text} is not a subnet: write it as 10.20.0.0/16`;
  if (!ipv4(address)) return `${address} is not an IPv4 address`;
  if (!/^\d{1,2}$/.test(bits) || Number(bits) > 32) return `/${bits} is not a prefix length (0–32)`;
  return undefined;
}

/** The create call's options from valid form values. */
export function networkOptions(values: NetworkFormValues) {
  return {
    name: values.name.trim(),
    driver: values.driver.trim() || undefined,
    subnet: values.subnet.trim() || undefined,
    gateway: values.gateway.trim() || undefined,
    internal: values.internal === INTERNAL[1],
    labels: parseKeyValues(values.labels, 'label').values,
  };
}

/** The network form (`docker network create`). */
export const networkForm: FormSpec<NetworkFormValues> = {
  title: 'Create a network (docker network create)',
  submitLabel: 'creates it',
  fields: [
    {id: 'name', label: 'Name', kind: 'text'},
    {id: 'driver', label: 'Driver', kind: 'text', hint: 'bridge, or overlay on a swarm manager'},
    {id: 'subnet', label: 'Subnet', kind: 'text', hint: 'optional, e.g. 10.20.0.0/16'},
    {id: 'gateway', label: 'Gateway', kind: 'text', hint: 'optional, inside the subnet'},
    {id: 'internal', label: 'Internal', kind: 'choice', choices: INTERNAL},
    {id: 'labels', label: 'Labels', kind: 'text', hint: 'e.g. tier=back'},
  ],
  validate: (values) => {
    const errors: Partial<Record<keyof NetworkFormValues, string>> = {};
    const name = values.name.trim();
    if (!name) errors.name = 'a network needs a name';
    else if (!NAME_RE.test(name)) errors.name = 'letters, digits, _ . - only, starting with a letter or digit';
    if (!values.driver.trim()) errors.driver = 'a driver is needed (bridge)';
    const subnet = values.subnet.trim();
    if (subnet) errors.subnet = subnetError(subnet);
    const gateway = values.gateway.trim();
    if (gateway && !ipv4(gateway)) errors.gateway = `${gateway} is not an IPv4 address`;
    else if (gateway && !subnet) errors.gateway = 'a gateway needs a subnet';
    const labels = parseKeyValues(values.labels, 'label');
    if (labels.error) errors.labels = labels.error;
    for (const key of Object.keys(errors) as Array<keyof NetworkFormValues>) if (errors[key] === undefined) delete errors[key];
    return errors;
  },
  preview: (values) => {
    const words = ['docker', 'network', 'create'];
    if (values.driver.trim() && values.driver.trim() !== 'bridge') words.push('--driver', shellWord(values.driver.trim()));
    if (values.subnet.trim()) words.push('--subnet', shellWord(values.subnet.trim()));
    if (values.gateway.trim()) words.push('--gateway', shellWord(values.gateway.trim()));
    if (values.internal === INTERNAL[1]) words.push('--internal');
    for (const [k, v] of Object.entries(parseKeyValues(values.labels, 'label').values)) words.push('--label', shellWord(`${k}=${v}`));
    words.push(shellWord(values.name.trim() || 'NAME'));
    return words.join(' ');
  },
};
