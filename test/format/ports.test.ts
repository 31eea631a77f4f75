import {describe, it, expect} from 'vitest';
import {formatPorts} from '../../source/format/ports.js';
import type {Port} from '../../source/docker/types.js';

describe('formatPorts', () => {
  it('shows published and exposed ports like docker ps', () => {
    const ports: Port[] = [
      {privatePort: 443, type: 'tcp'},
      {ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp'},
    ];
    expect(formatPorts(ports)).toBe('0.0.0.0:8080->80/tcp, 443/tcp');
  });

  it('collapses the IPv6 twin of an IPv4 wildcard mapping', () => {
    const ports: Port[] = [
      {ip: '0.0.0.0', publicPort: 8080, privatePort: 80, type: 'tcp'},
      {ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp'},
    ];
    expect(formatPorts(ports)).toBe('0.0.0.0:8080->80/tcp');
  });

  it('keeps an IPv6-only mapping, bracketed', () => {
    expect(formatPorts([{ip: '::', publicPort: 8080, privatePort: 80, type: 'tcp'}])).toBe('[::]:8080->80/tcp');
  });

  it('keeps a different protocol or host address apart', () => {
    const ports: Port[] = [
      {ip: '0.0.0.0', publicPort: 53, privatePort: 53, type: 'udp'},
      {ip: '0.0.0.0', publicPort: 53, privatePort: 53, type: 'tcp'},
      {ip: '127.0.0.1', publicPort: 9000, privatePort: 9000, type: 'tcp'},
    ];
    expect(formatPorts(ports)).toBe('0.0.0.0:53->53/tcp, 0.0.0.0:53->53/udp, 127.0.0.1:9000->9000/tcp');
  });

  it('collapses consecutive ports into ranges', () => {
    const ports: Port[] = [
      {privatePort: 7001, type: 'tcp'},
      {privatePort: 7000, type: 'tcp'},
      {privatePort: 7002, type: 'tcp'},
      {privatePort: 7005, type: 'tcp'},
      {ip: '0.0.0.0', publicPort: 8000, privatePort: 80, type: 'tcp'},
      {ip: '0.0.0.0', publicPort: 8001, privatePort: 81, type: 'tcp'},
      {ip: '::', publicPort: 8001, privatePort: 81, type: 'tcp'},
      {ip: '0.0.0.0', publicPort: 9000, privatePort: 82, type: 'tcp'},
    ];
    expect(formatPorts(ports)).toBe('0.0.0.0:8000-8001->80-81/tcp, 0.0.0.0:9000->82/tcp, 7000-7002/tcp, 7005/tcp');
  });

  it('is empty without ports and ignores exact duplicates', () => {
    expect(formatPorts([])).toBe('');
    expect(formatPorts([{privatePort: 80, type: 'tcp'}, {privatePort: 80, type: 'tcp'}])).toBe('80/tcp');
  });
});
