/**
 * The part of OpenSSH's client configuration (`~/.ssh/config`) that says where an ssh:// host
 * really is: HostName, User, Port and IdentityFile of `Host` blocks. Pure text in, values out.
 *
 * As ssh does: keywords are case-insensitive, `Keyword value` and `Keyword=value` both work, the
 * first value found for an option wins (so specific blocks go first, `Host *` last), and a Host
 * line matches when one of its patterns (`*`, `?` wildcards) matches and none of its `!negated`
 * ones does. `Match` blocks and `Include` are not followed: their options are ignored.
 */

/** One `Host` block: its patterns and its options in file order (keywords lower-cased). */
export type SshConfigBlock = {patterns: string[]; options: Array<[keyword: string, value: string]>};

/** What the config says about one host; absent fields were not set. */
export type SshHostConfig = {
  hostName?: string;
  user?: string;
  port?: number;
  /** Every IdentityFile that applies, in order (ssh tries them all), `~` not yet expanded. */
  identityFiles: string[];
};

/** Splits an argument list as ssh does: whitespace-separated, double quotes group. */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) args.push(m[1] ?? m[2]!);
  return args;
}

/**
 * Parses config text into blocks. Options before the first Host line apply to every host (a
 * block with pattern `*`); options inside a `Match` block are dropped (we cannot evaluate Match).
 */
export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: SshConfigBlock[] = [{patterns: ['*'], options: []}];
  let current: SshConfigBlock | undefined = blocks[0];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const keyword = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (keyword === 'host') {
      current = {patterns: splitArgs(value), options: []};
      blocks.push(current);
    } else if (keyword === 'match') {
      current = undefined;
    } else if (current) {
      // Quotes around a single value ("My Key.pem") are ssh's way of keeping spaces.
      current.options.push([keyword, value.replace(/^"(.*)"$/, '$1')]);
    }
  }
  return blocks;
}

/** ssh's wildcard match: `*` any run of characters, `?` exactly one; case-insensitive as ssh's match_pattern for hosts. */
export function matchPattern(name: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** True when `host` matches a Host line: some pattern matches and no `!pattern` does. */
export function matchesHost(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchPattern(host, pattern.slice(1))) return false;
    } else if (matchPattern(host, pattern)) {
      matched = true;
    }
  }
  return matched;
}

/** The options that apply to `host` (the name as typed: an alias), first value of each winning. */
export function sshHostConfig(blocks: readonly SshConfigBlock[], host: string): SshHostConfig {
  const result: SshHostConfig = {identityFiles: []};
  for (const block of blocks) {
    if (!matchesHost(host, block.patterns)) continue;
    for (const [keyword, value] of block.options) {
      switch (keyword) {
        case 'hostname': {
          result.hostName ??= value;
          break;
        }
        case 'user': {
          result.user ??= value;
          break;
        }
        case 'port': {
          const port = Number(value);
          if (result.port === undefined && Number.isInteger(port) && port >= 1 && port <= 65_535) result.port = port;
          break;
        }
        case 'identityfile': {
          // The one option ssh accumulates rather than taking the first.
          if (!result.identityFiles.includes(value)) result.identityFiles.push(value);
          break;
        }
        default:
      }
    }
  }
  // ssh expands %h in HostName to the name typed (e.g. `HostName %h.example.com`).
  if (result.hostName) result.hostName = result.hostName.replace(/%h/g, host).replace(/%%/g, '%');
  return result;
}

/**
 * Expands `~`, `%d` (home), `%h` (host), `%r` (remote user), `%u` (local user) and `%%` in an
 * IdentityFile path, as ssh does.
 */
export function expandIdentityPath(file: string, vars: {home: string; host: string; user: string; localUser: string}): string {
  const withHome = file === '~' || file.startsWith('~/') ? vars.home + file.slice(1) : file;
  return withHome.replace(/%([%dhru])/g, (_all, c: string) => {
    switch (c) {
      case 'd': {
        return vars.home;
      }
      case 'h': {
        return vars.host;
      }
      case 'r': {
        return vars.user;
      }
      case 'u': {
        return vars.localUser;
      }
      default: {
        return '%';
      }
    }
  });
}
