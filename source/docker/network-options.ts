/** The body of POST /networks/create from what a person asks for. */
export type NetworkCreateOptions = {name: string; driver?: string; subnet?: string; gateway?: string; internal?: boolean; labels?: Record<string, string>};

/**
 * Builds the create body as `docker network create` does: CheckDuplicate on (API 1.41 would
 * otherwise make a second network of the same name), one IPAM config for the subnet and
 * gateway. Throws a one-sentence Error for a gateway without a subnet: the engine's own answer
 * to that ("Invalid subnet  : invalid CIDR address: ") says nothing useful.
 */
export function networkCreateBody(options: NetworkCreateOptions): object {
  const subnet = options.subnet?.trim() || undefined;
  const gateway = options.gateway?.trim() || undefined;
  if (gateway && !subnet) throw new Error('A gateway needs a subnet (e.g. subnet 172.28.0.0/16, gateway 172.28.0.1)');
  return {
    Name: options.name,
    CheckDuplicate: true,
    ...(options.driver ? {Driver: options.driver} : {}),
    Internal: Boolean(options.internal),
    Labels: options.labels ?? {},
    ...(subnet ? {IPAM: {Driver: 'default', Config: [{Subnet: subnet, ...(gateway ? {Gateway: gateway} : {})}]}} : {}),
  };
}
