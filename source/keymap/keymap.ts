/**
 * The one keymap table. Dispatch, the footer, the `?` help overlay and the readme's key table are
 * all produced from it, so a key can never do one thing and be documented as another.
 */

/** Where a command applies. The innermost open scope gets a key first, then the outer ones. */
export type Scope = 'global' | 'list' | 'containers' | 'images' | 'volumes' | 'networks' | 'machines' | 'filter' | 'logs' | 'text' | 'events' | 'task' | 'diskUsage' | 'form' | 'allHosts' | 'confirm' | 'prompt' | 'palette';

/** One command of the table. */
export type Command = {
  id: string;
  /** Key names as produced by {@link keyName}; the first is the one shown. */
  keys: string[];
  /** Short text for the footer. */
  label: string;
  /** One sentence for help and the readme. */
  description: string;
  scope: Scope;
  /** Changes something on the engine: hidden and refused in read-only mode. */
  mutating?: boolean;
  /** Shown in the footer of its scope (the others are in help only). */
  footer?: boolean;
};

/** Human titles of the scopes, for help and the readme. */
export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  list: 'Lists',
  containers: 'Containers pane',
  images: 'Images pane',
  volumes: 'Volumes pane',
  networks: 'Networks pane',
  machines: 'Machines pane',
  filter: 'Typing a filter',
  logs: 'Logs view',
  events: 'Events view',
  task: 'Pull and build views',
  diskUsage: 'Disk usage view',
  form: 'Forms (run, create)',
  allHosts: 'All hosts view',
  text: 'Inspect and details views',
  confirm: 'Confirmation',
  prompt: 'Text prompt (rename)',
  palette: 'Command palette',
};

export const COMMANDS: readonly Command[] = [
  {id: 'app.quit', keys: ['q', 'ctrl+c'], label: 'quit', description: 'Quit (q closes an open view first).', scope: 'global', footer: true},
  {id: 'app.help', keys: ['?'], label: 'help', description: 'Show every key of the current pane.', scope: 'global', footer: true},
  {id: 'app.palette', keys: [':'], label: 'commands', description: 'Command palette: run a command or jump to a pane by name.', scope: 'global'},
  {id: 'pane.next', keys: ['tab'], label: 'next pane', description: 'Next pane.', scope: 'global'},
  {id: 'pane.previous', keys: ['shift+tab'], label: 'previous pane', description: 'Previous pane.', scope: 'global'},
  {id: 'pane.containers', keys: ['1'], label: 'containers', description: 'Jump to the Containers pane.', scope: 'global'},
  {id: 'pane.images', keys: ['2'], label: 'images', description: 'Jump to the Images pane.', scope: 'global'},
  {id: 'pane.volumes', keys: ['3'], label: 'volumes', description: 'Jump to the Volumes pane.', scope: 'global'},
  {id: 'pane.networks', keys: ['4'], label: 'networks', description: 'Jump to the Networks pane.', scope: 'global'},
  {id: 'pane.machines', keys: ['5'], label: 'machines', description: 'Jump to the Machines pane (every Docker host).', scope: 'global'},
  {id: 'app.events', keys: ['E'], label: 'events', description: "The engine's live event stream.", scope: 'global'},
  {id: 'app.diskUsage', keys: ['D'], label: 'disk usage', description: 'Disk usage (docker system df), and system prune from there.', scope: 'global'},

  {id: 'list.up', keys: ['up', 'k'], label: 'up', description: 'Move the selection up.', scope: 'list'},
  {id: 'list.down', keys: ['down', 'j'], label: 'down', description: 'Move the selection down.', scope: 'list'},
  {id: 'list.pageUp', keys: ['pageup'], label: 'page up', description: 'Move the selection a page up.', scope: 'list'},
  {id: 'list.pageDown', keys: ['pagedown'], label: 'page down', description: 'Move the selection a page down.', scope: 'list'},
  {id: 'list.top', keys: ['g', 'home'], label: 'top', description: 'Select the first row.', scope: 'list'},
  {id: 'list.bottom', keys: ['G', 'end'], label: 'bottom', description: 'Select the last row.', scope: 'list'},
  {id: 'list.open', keys: ['return'], label: 'details', description: 'Open the selected item (details); on a group row, fold or unfold it.', scope: 'list', footer: true},
  {id: 'list.filter', keys: ['/'], label: 'filter', description: 'Filter the list (type, Enter keeps it, Esc clears).', scope: 'list', footer: true},
  {id: 'list.clearFilter', keys: ['escape'], label: 'clear filter', description: 'Clear the filter.', scope: 'list'},
  {id: 'list.sort', keys: ['o'], label: 'sort', description: 'Sort by the next column.', scope: 'list'},
  {id: 'list.reverse', keys: ['O'], label: 'reverse', description: 'Reverse the sort order.', scope: 'list'},
  {id: 'list.logs', keys: ['l'], label: 'logs', description: 'Logs of the selected item.', scope: 'list', footer: true},
  {id: 'list.inspect', keys: ['i'], label: 'inspect', description: 'Inspect the selected item (its JSON).', scope: 'list', footer: true},

  {id: 'containers.all', keys: ['a'], label: 'all/running', description: 'Show all containers or only running ones.', scope: 'containers', footer: true},
  {id: 'containers.fold', keys: ['z'], label: 'fold', description: 'Fold or unfold the compose project of the selected row.', scope: 'containers'},
  {id: 'containers.start', keys: ['u'], label: 'start', description: 'Start the selected container.', scope: 'containers', mutating: true, footer: true},
  {id: 'containers.stop', keys: ['s'], label: 'stop', description: 'Stop the selected container.', scope: 'containers', mutating: true, footer: true},
  {id: 'containers.restart', keys: ['r'], label: 'restart', description: 'Restart the selected container.', scope: 'containers', mutating: true, footer: true},
  {id: 'containers.pause', keys: ['p'], label: 'pause', description: 'Pause or unpause the selected container.', scope: 'containers', mutating: true},
  {id: 'containers.kill', keys: ['K'], label: 'kill', description: 'Kill the selected container (SIGKILL), after confirmation.', scope: 'containers', mutating: true},
  {id: 'containers.remove', keys: ['d'], label: 'remove', description: 'Remove the selected container, after confirmation (forced when running; v also removes its anonymous volumes).', scope: 'containers', mutating: true, footer: true},
  {id: 'containers.rename', keys: ['R'], label: 'rename', description: 'Rename the selected container.', scope: 'containers', mutating: true},
  {id: 'containers.exec', keys: ['e'], label: 'shell', description: 'Open a shell in the selected container.', scope: 'containers', mutating: true, footer: true},

  {id: 'images.pull', keys: ['p'], label: 'pull', description: 'Pull an image by reference, with progress per layer (c cancels).', scope: 'images', mutating: true, footer: true},
  {id: 'images.run', keys: ['r'], label: 'run', description: 'Run a container from the selected image through a form (ports, volumes, env, -d or -it).', scope: 'images', mutating: true, footer: true},
  {id: 'images.build', keys: ['b'], label: 'build', description: 'Build an image from a directory holding a Dockerfile.', scope: 'images', mutating: true, footer: true},
  {id: 'images.tag', keys: ['t'], label: 'tag', description: 'Tag the selected image with another reference.', scope: 'images', mutating: true},
  {id: 'images.history', keys: ['h'], label: 'history', description: 'Layers of the selected image (created by, size, age).', scope: 'images', footer: true},
  {id: 'images.remove', keys: ['d'], label: 'remove', description: 'Remove the selected image tag (untag) or a dangling image, after confirmation; f at the question forces.', scope: 'images', mutating: true, footer: true},
  {id: 'images.prune', keys: ['P'], label: 'prune', description: 'Prune dangling images (a at the question: every unused image), saying how much space came back.', scope: 'images', mutating: true},

  {id: 'volumes.create', keys: ['c'], label: 'create', description: 'Create a volume (name, driver, labels, driver options).', scope: 'volumes', mutating: true, footer: true},
  {id: 'volumes.prune', keys: ['P'], label: 'prune', description: 'Remove every unused volume, after a confirmation naming them.', scope: 'volumes', mutating: true},
  {id: 'volumes.remove', keys: ['d'], label: 'remove', description: 'Remove the selected volume, after confirmation (refused while a container uses it).', scope: 'volumes', mutating: true, footer: true},

  {id: 'networks.create', keys: ['c'], label: 'create', description: 'Create a network (name, driver, subnet, gateway, internal, labels).', scope: 'networks', mutating: true, footer: true},
  {id: 'networks.connect', keys: ['C'], label: 'connect', description: 'Connect a container to the selected network.', scope: 'networks', mutating: true, footer: true},
  {id: 'networks.disconnect', keys: ['x'], label: 'disconnect', description: 'Disconnect a container from the selected network.', scope: 'networks', mutating: true, footer: true},
  {id: 'networks.prune', keys: ['P'], label: 'prune', description: 'Remove every unused network, after a confirmation naming them.', scope: 'networks', mutating: true},
  {id: 'networks.remove', keys: ['d'], label: 'remove', description: 'Remove the selected network, after confirmation (refused while containers are attached).', scope: 'networks', mutating: true, footer: true},

  {id: 'machines.use', keys: ['u'], label: 'use host', description: 'Use the selected host: every pane then shows its engine.', scope: 'machines', footer: true},
  {id: 'machines.refresh', keys: ['r'], label: 'probe', description: 'Probe every host again now (they are re-probed slowly while the pane shows).', scope: 'machines', footer: true},
  {id: 'machines.copyEnv', keys: ['c'], label: 'copy env', description: 'Copy the export lines of the selected host (as docker-machine env prints them) to the clipboard, through the terminal (OSC 52).', scope: 'machines', footer: true},
  {id: 'machines.add', keys: ['a'], label: 'add host', description: 'Add a host (name, unix:// tcp:// ssh:// URL, TLS files) to whalewatch\'s config file.', scope: 'machines', footer: true},
  {id: 'machines.remove', keys: ['d'], label: 'remove', description: 'Remove the selected added host from whalewatch\'s config file, after confirmation.', scope: 'machines', footer: true},
  {id: 'machines.allContainers', keys: ['A'], label: 'all hosts', description: 'Containers of every reachable host in one table, with a HOST column.', scope: 'machines', footer: true},
  {id: 'machines.lifecycle', keys: ['m'], label: 'docker-machine', description: 'Run docker-machine on the selected machine (start, stop, restart, rm, regenerate-certs) or create one; needs docker-machine on PATH.', scope: 'machines', mutating: true},

  {id: 'filter.accept', keys: ['return'], label: 'keep', description: 'Keep the filter and go back to the list.', scope: 'filter', footer: true},
  {id: 'filter.cancel', keys: ['escape'], label: 'clear', description: 'Clear the filter.', scope: 'filter', footer: true},

  {id: 'view.close', keys: ['escape', 'q'], label: 'close', description: 'Close the view.', scope: 'text', footer: true},
  {id: 'text.up', keys: ['up', 'k'], label: 'up', description: 'Scroll up.', scope: 'text'},
  {id: 'text.down', keys: ['down', 'j'], label: 'down', description: 'Scroll down.', scope: 'text'},
  {id: 'text.pageUp', keys: ['pageup'], label: 'page up', description: 'Scroll a page up.', scope: 'text'},
  {id: 'text.pageDown', keys: ['pagedown', 'space'], label: 'page down', description: 'Scroll a page down.', scope: 'text'},
  {id: 'text.top', keys: ['g', 'home'], label: 'top', description: 'Go to the top.', scope: 'text'},
  {id: 'text.bottom', keys: ['G', 'end'], label: 'bottom', description: 'Go to the bottom.', scope: 'text'},
  {id: 'text.search', keys: ['/'], label: 'search', description: 'Search (type, Enter searches, Esc cancels).', scope: 'text', footer: true},
  {id: 'text.next', keys: ['n'], label: 'next', description: 'Next match.', scope: 'text', footer: true},
  {id: 'text.secrets', keys: ['S'], label: 'secrets', description: 'Show or mask the values of secret-looking environment variables (PASSWORD, TOKEN, KEY, …).', scope: 'text'},
  {id: 'text.previous', keys: ['N'], label: 'previous', description: 'Previous match.', scope: 'text', footer: true},

  {id: 'logs.follow', keys: ['f'], label: 'pause/follow', description: 'Pause or resume following new lines.', scope: 'logs', footer: true},
  {id: 'logs.timestamps', keys: ['t'], label: 'timestamps', description: 'Show or hide timestamps.', scope: 'logs', footer: true},
  {id: 'logs.wrap', keys: ['w'], label: 'wrap', description: 'Wrap long lines or cut them.', scope: 'logs', footer: true},

  {id: 'events.filter', keys: ['f'], label: 'filter', description: 'Show only the events matching a text (type, action or name).', scope: 'events', footer: true},

  {id: 'task.cancel', keys: ['c'], label: 'cancel', description: 'Cancel the pull or build (Esc closes the view and lets it go on).', scope: 'task', footer: true},

  {id: 'diskUsage.prune', keys: ['P'], label: 'system prune', description: 'System prune: stopped containers, unused networks, dangling images, build cache; the question lists them (a: all unused images, v: volumes too).', scope: 'diskUsage', mutating: true, footer: true},
  {id: 'diskUsage.refresh', keys: ['r'], label: 'refresh', description: 'Read disk usage again.', scope: 'diskUsage', footer: true},

  {id: 'allHosts.start', keys: ['u'], label: 'start', description: 'Start the selected container, on its own host.', scope: 'allHosts', mutating: true, footer: true},
  {id: 'allHosts.stop', keys: ['s'], label: 'stop', description: 'Stop the selected container, on its own host.', scope: 'allHosts', mutating: true, footer: true},
  {id: 'allHosts.restart', keys: ['r'], label: 'restart', description: 'Restart the selected container, on its own host.', scope: 'allHosts', mutating: true, footer: true},
  {id: 'allHosts.remove', keys: ['d'], label: 'remove', description: 'Remove the selected container on its own host, after confirmation (forced when running).', scope: 'allHosts', mutating: true, footer: true},
  {id: 'allHosts.refresh', keys: ['R'], label: 'refresh', description: 'List the containers of every host again.', scope: 'allHosts', footer: true},
  {id: 'allHosts.close', keys: ['escape', 'q'], label: 'close', description: 'Close the all-hosts view.', scope: 'allHosts', footer: true},

  {id: 'form.next', keys: ['down', 'tab'], label: 'next field', description: 'Next field.', scope: 'form'},
  {id: 'form.previous', keys: ['up', 'shift+tab'], label: 'previous field', description: 'Previous field.', scope: 'form'},
  {id: 'form.choiceNext', keys: ['right'], label: 'next choice', description: 'Next choice of a choice field (Space too).', scope: 'form'},
  {id: 'form.choicePrevious', keys: ['left'], label: 'previous choice', description: 'Previous choice of a choice field.', scope: 'form'},
  {id: 'form.submit', keys: ['return'], label: 'submit', description: 'Submit the form (only when every field is valid).', scope: 'form', footer: true},
  {id: 'form.cancel', keys: ['escape'], label: 'cancel', description: 'Close the form; nothing is created.', scope: 'form', footer: true},

  {id: 'confirm.yes', keys: ['y'], label: 'yes', description: 'Confirm.', scope: 'confirm', footer: true},
  {id: 'confirm.volumes', keys: ['v'], label: 'yes + volumes', description: 'Confirm, with volumes too (container removal, system prune), where the question offers it.', scope: 'confirm'},
  {id: 'confirm.all', keys: ['a'], label: 'yes, all', description: 'Confirm for every unused image (prune), where the question offers it.', scope: 'confirm'},
  {id: 'confirm.force', keys: ['f'], label: 'yes, forced', description: 'Confirm, forced (remove an image in use or with several tags), where the question offers it.', scope: 'confirm'},
  {id: 'confirm.no', keys: ['n', 'escape'], label: 'no', description: 'Cancel.', scope: 'confirm', footer: true},

  {id: 'prompt.accept', keys: ['return'], label: 'ok', description: 'Accept the text.', scope: 'prompt', footer: true},
  {id: 'prompt.cancel', keys: ['escape'], label: 'cancel', description: 'Cancel.', scope: 'prompt', footer: true},

  {id: 'palette.run', keys: ['return'], label: 'run', description: 'Run the selected command.', scope: 'palette', footer: true},
  {id: 'palette.up', keys: ['up'], label: 'up', description: 'Previous command.', scope: 'palette'},
  {id: 'palette.down', keys: ['down'], label: 'down', description: 'Next command.', scope: 'palette'},
  {id: 'palette.cancel', keys: ['escape'], label: 'cancel', description: 'Close the palette.', scope: 'palette', footer: true},
];

/** The key event as Ink's useInput reports it (only the fields used). */
export type InkKey = {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
};

/** Names an Ink key event the way the table spells keys ("up", "ctrl+c", "G", "shift+tab"). */
export function keyName(input: string, key: InkKey): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** How a key name is written for people ("Enter", "Ctrl-C", "PgDn"). */
export function displayKey(name: string): string {
  const names: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End',
    return: 'Enter', escape: 'Esc', tab: 'Tab', 'shift+tab': 'Shift-Tab', space: 'Space', backspace: 'Backspace',
  };
  if (names[name]) return names[name];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}

/**
 * Finds the command bound to a key, looking through the open scopes innermost first.
 * Mutating commands are not found in read-only mode, so they can never run from a key.
 */
export function commandFor(name: string, scopes: readonly Scope[], readOnly: boolean): Command | undefined {
  for (const scope of scopes) {
    const found = COMMANDS.find((c) => c.scope === scope && c.keys.includes(name) && !(readOnly && c.mutating));
    if (found) return found;
  }
  return undefined;
}

/** The commands of the given scopes that apply, in table order (read-only hides mutating ones). */
export function commandsIn(scopes: readonly Scope[], readOnly: boolean): Command[] {
  return COMMANDS.filter((c) => scopes.includes(c.scope) && !(readOnly && c.mutating));
}

/** Looks a command up by id; throws for a typo so a wrong id fails the tests at once. */
export function command(id: string): Command {
  const found = COMMANDS.find((c) => c.id === id);
  if (!found) throw new Error(`no command ${id}`);
  return found;
}
