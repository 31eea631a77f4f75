import React, {useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {Box, Text, useApp, useInput, useStdout} from 'ink';
import type {Store} from '../store/store.js';
import {MachinesMonitor} from '../store/machines.js';
import type {HostTarget} from '../docker/types.js';
import {osc52} from '../format/osc52.js';
import type {Engine} from '../docker/engine.js';
import type {Container, TerminalSession} from '../docker/types.js';
import {COMMANDS, command, commandFor, displayKey, keyName, SCOPE_TITLES, commandsIn, type InkKey, type Scope} from '../keymap/keymap.js';
import {describeError} from '../docker/errors.js';
import {sanitize} from '../format/sanitize.js';
import {truncate} from '../format/cells.js';
import {CommandsContext, type Editor, type Handler} from './commands.js';
import {useSnapshot} from './use-store.js';
import {useSize} from './use-size.js';
import {editText, splitInput} from './text-input.js';
import {initialListState, type ListState} from './list-state.js';
import {PANE_TABS, nextPane, type PaneId} from '../panes/registry.js';
import {PANE_VIEWS} from './panes/index.js';
import {ServicesContext, type Services, type ViewProps} from './services.js';
import {StatusBar} from './StatusBar.js';
import {Footer} from './Footer.js';
import {Toasts, type Toast} from './Toasts.js';
import {ToastList} from './toast-list.js';
import {TextView, type ViewLine} from './views/TextView.js';
import {LogsView} from './views/LogsView.js';
import {EventsView} from './views/EventsView.js';
import {DiskUsageView} from './views/DiskUsageView.js';
import {Palette} from './Palette.js';
import {Dialog, type DialogState} from './Dialog.js';

/** Smallest terminal the dashboard lays itself out in. */
export const MIN_SIZE = {columns: 60, rows: 12};

/** What covers the list: a text view, help or the palette. */
type View =
  | {kind: 'logs'; container: Container}
  | {kind: 'text'; title: string; lines: readonly ViewLine[]; revealed?: readonly ViewLine[]}
  | {kind: 'help'; scopes: Scope[]}
  | {kind: 'palette'}
  | {kind: 'events'}
  | {kind: 'custom'; render: (props: ViewProps) => React.ReactNode; scopes: Scope[]};

/** Connection states in which the engine is not answering: actions are refused, not sent. */
const DOWN = new Set(['connecting', 'reconnecting', 'unreachable']);

/**
 * Why an action cannot be sent now, or undefined when it can. While the store reconnects, a
 * request could sit in the socket of an engine that is starting and run once it is up, long after
 * the user gave up on it: better to say so at once and send nothing.
 */
function notConnected(store: Store): string | undefined {
  const {status} = store.getSnapshot().connection;
  if (!store.engine) return 'not connected to the engine';
  return DOWN.has(status) ? `not connected to the engine (${status}), nothing was sent` : undefined;
}

/** The tabs that have a component, in order. */
const SHOWN: PaneId[] = PANE_TABS.filter((t) => PANE_VIEWS[t.id]).map((t) => t.id);

/**
 * What outlives one mount of the App. A terminal hand-over unmounts Ink and renders a fresh App
 * (cli.tsx): given the same memory, it comes back on the same pane and selection, with the toasts.
 */
export type AppMemory = {
  toasts: ToastList;
  pane?: PaneId;
  lists?: Partial<Record<PaneId, ListState>>;
  /** The store of the active host once the user switched hosts (it replaces the `store` prop). */
  store?: Store;
  /** Every known host, shared by the mounts of one run. */
  machines?: MachinesMonitor;
};

/** A memory for the first mount. */
export function createAppMemory(): AppMemory {
  return {toasts: new ToastList()};
}

/** How a hand-over ended, as the terminal side tells it. */
export type HandOverResult = {exitCode?: number; detached?: boolean};

/** Props of the dashboard. */
export type AppProps = {
  store: Store;
  /** Fixed size (tests); otherwise the terminal's, followed on resize. */
  size?: {columns: number; rows: number};
  /** Called once when the user quits, before Ink exits. */
  onQuit?(): void;
  /** Shared by the mounts of one run (see AppMemory); each mount makes its own without it. */
  memory?: AppMemory;
  /**
   * Gives the real terminal to a session: calls `open` while the dashboard still shows (a
   * rejection means nothing was handed over), then stops Ink, hands over, and renders again.
   * cli.tsx supplies it; without it (ink-testing-library, no terminal) no shell can be opened.
   */
  onHandOver?: (open: () => Promise<TerminalSession>) => Promise<HandOverResult | void>;
  /** The hosts of the Machines pane; by default discovered from the process's environment. */
  machines?: MachinesMonitor;
};

/** The dashboard: layout, the keyboard, and the views over the list. */
export function App({store: initialStore, size: fixedSize, onQuit, memory: sharedMemory, onHandOver, machines: givenMachines}: AppProps) {
  const [memory] = useState(() => sharedMemory ?? createAppMemory());
  // The active host's store: the one given, until the user switches hosts in the Machines pane.
  const [store, setStore] = useState<Store>(() => memory.store ?? initialStore);
  const [machines] = useState(() => {
    if (!memory.machines) {
      memory.machines = givenMachines ?? new MachinesMonitor();
      memory.machines.setActive((memory.store ?? initialStore).getSnapshot().host);
    }
    return memory.machines;
  });
  const snapshot = useSnapshot(store);
  const {stdout} = useStdout();
  const size = useSize(fixedSize);
  // After a resize the terminal has moved or cut what was on screen, and Ink's incremental
  // renderer, which only rewrites changed lines relative to where it left the cursor, would draw
  // over the remains (a resize storm left a garbled screen). One frame as tall as the terminal
  // makes Ink's next frame clear the screen and draw everything again.
  const [repaint, setRepaint] = useState(false);
  const firstSize = useRef(true);
  useEffect(() => {
    if (firstSize.current || fixedSize) {
      firstSize.current = false;
      return;
    }
    setRepaint(true);
    const timer = setTimeout(() => setRepaint(false), 80);
    return () => clearTimeout(timer);
  }, [size.columns, size.rows]);
  const {exit} = useApp();
  const handlers = useRef<Partial<Record<Scope, Handler>>>({});
  const [editor, setEditorState] = useState<Editor | undefined>(undefined);
  const editorRef = useRef<Editor | undefined>(undefined);
  const setEditor = useCallback((next: Editor | undefined) => {
    editorRef.current = next;
    setEditorState(next);
  }, []);
  const [pane, setPane] = useState<PaneId>(() => memory.pane ?? 'containers');
  const [lists, setLists] = useState<Partial<Record<PaneId, ListState>>>(() => memory.lists ?? {});
  // Remembered for the next mount (after a hand-over), not read again by this one.
  useEffect(() => {
    memory.pane = pane;
    memory.lists = lists;
  }, [memory, pane, lists]);
  const paneView = PANE_VIEWS[pane]!;
  const list = lists[pane] ?? initialListState(paneView.pane);
  const setListState = useCallback(
    (update: (state: ListState) => ListState) => setLists((all) => ({...all, [pane]: update(all[pane] ?? initialListState(PANE_VIEWS[pane]!.pane))})),
    [pane],
  );
  const [view, setView] = useState<View | undefined>(undefined);
  const [dialog, setDialog] = useState<DialogState | undefined>(undefined);
  const toasts = useSyncExternalStore(memory.toasts.subscribe, memory.toasts.getSnapshot);
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  const pendingCommand = useRef<string | undefined>(undefined);
  const commands = useMemo(() => ({handlers, setEditor}), [setEditor]);
  const readOnly = snapshot.readOnly;

  // Ages and "Up …" move on. Every 5 s is often enough for a status worded in seconds and
  // rare enough to cost nothing while idle (a redraw only happens when a line changed).
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 5000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const id = pendingCommand.current;
    if (view || !id) return;
    pendingCommand.current = undefined;
    handlers.current[command(id).scope]?.(id);
  }, [view]);

  const toast = useCallback((kind: Toast['kind'], text: string, replaces?: number) => memory.toasts.show(kind, text, replaces), [memory]);

  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, [exit, onQuit]);

  const switchHost = useCallback(
    (target: HostTarget, key?: string) => {
      const current = memory.store ?? initialStore;
      const next = current.forHost(target);
      // Close every view that reads the old engine (logs, inspect) before its streams go.
      setView(undefined);
      current.stop();
      memory.store = next;
      setStore(next);
      machines.setActive(target, key);
      toast('done', `now showing ${sanitize(target.name)} (${sanitize(target.url)})`);
      void next.start();
    },
    [memory, initialStore, machines, toast],
  );

  const services = useMemo<Services>(
    () => ({
      store,
      machines,
      switchHost,
      copyText: (text, what) => {
        // Invisible to the screen; the terminal (or tmux with set-clipboard) takes it.
        stdout.write(osc52(text));
        toast('done', `${what} copied to the clipboard (OSC 52)`);
      },
      toast,
      confirm: (question, onAnswer, extras) => setDialog({kind: 'confirm', question, extras: extras ?? {}, onAnswer}),
      prompt: (title, value, onAccept, accept) => setDialog({kind: 'prompt', title, value, accept, onAccept}),
      openText: (title, lines, revealed) => setView({kind: 'text', title, lines, revealed}),
      openLogs: (container) => setView({kind: 'logs', container}),
      openView: (render, scopes) => setView({kind: 'custom', render, scopes}),
      closeView: () => setView(undefined),
      act: async <T,>(what: {working: string; done: string | ((result: T) => string); failed: string}, call: (engine: Engine) => Promise<T>) => {
        const engine = store.engine;
        const down = notConnected(store);
        if (!engine || down) {
          toast('error', `${what.failed}: ${down ?? 'not connected to the engine'}`);
          return false;
        }
        const id = toast('working', what.working);
        try {
          const result = await call(engine);
          toast('done', typeof what.done === 'function' ? what.done(result) : what.done, id);
          return true;
        } catch (error) {
          toast('error', `${what.failed}: ${describeError(error)}`, id);
          return false;
        }
      },
      handOver: async (title, open) => {
        if (!onHandOver) return void toast('error', `${title}: a shell needs a terminal, and whalewatch is not running in one`);
        const engine = store.engine;
        const down = notConnected(store);
        if (!engine || down) return void toast('error', `${title}: ${down ?? 'not connected to the engine'}`);
        const id = toast('working', `opening ${title}…`);
        try {
          const result = await onHandOver(() => open(engine));
          // This App may be gone by now (a fresh one is on screen): the toasts outlive it.
          if (result?.detached) toast('done', `detached from ${title}; it goes on running`, id);
          else toast('done', `${title} ended${result?.exitCode === undefined ? '' : ` (exit ${result.exitCode})`}`, id);
        } catch (error) {
          toast('error', `${title}: ${describeError(error)}`, id);
        }
      },
    }),
    [store, toast, onHandOver, machines, switchHost, stdout],
  );

  const listScopes: Scope[] = [paneView.scope, 'list', 'global'];
  const viewScopes = (open: View | undefined): Scope[] =>
    open?.kind === 'logs' ? ['logs', 'text', 'global'] : open?.kind === 'events' ? ['events', 'text', 'global'] : open?.kind === 'custom' ? open.scopes : open ? ['text', 'global'] : listScopes;
  const scopes: Scope[] = editor
    ? [editor.scope]
    : dialog
      ? [dialog.kind === 'confirm' ? 'confirm' : 'prompt']
      : view?.kind === 'palette'
        ? ['palette']
        : viewScopes(view);

  // The App renders the commands context, so it cannot use useScope itself: it sets its handler.
  handlers.current.global = (id) => {
    switch (id) {
      case 'app.quit': return quit();
      case 'app.help':
        if (view?.kind === 'help') return setView(undefined);
        return setView({kind: 'help', scopes: viewScopes(view)});
      case 'app.palette': return setView({kind: 'palette'});
      case 'app.events': return setView({kind: 'events'});
      case 'app.diskUsage': return setView({kind: 'custom', render: (props) => <DiskUsageView {...props} />, scopes: ['diskUsage', 'text', 'global']});
      case 'pane.next':
      case 'pane.previous':
        setView(undefined);
        return setPane((current) => nextPane(SHOWN, current, id === 'pane.next' ? 1 : -1));
    }
    const tab = PANE_TABS.find((t) => t.command === id);
    if (tab && SHOWN.includes(tab.id)) {
      setView(undefined);
      return setPane(tab.id);
    }
    return false;
  };

  /** Handles one key with what is open now. */
  const processKey = (input: string, key: InkKey) => {
    const name = keyName(input, key);
    if (name === 'ctrl+c') return quit();
    const current = editorRef.current;
    if (current) {
      const next = editText(current.value, input, key);
      if (next !== undefined) {
        // Keep the ref current at once: pasted text arrives as many keys before any render.
        editorRef.current = {...current, value: next};
        return current.onChange(next);
      }
      const command = commandFor(name, [current.scope], readOnly);
      if (command) current.onCommand(command.id);
      return;
    }
    const command = commandFor(name, scopes, readOnly);
    if (command) handlers.current[command.scope]?.(command.id);
  };
  const latestProcess = useRef(processKey);
  latestProcess.current = processKey;
  // A command can open a view, a dialog or a text field whose handlers exist only after the next
  // render: keys that come before it wait in order, so a fast typist or a paste loses nothing.
  const queue = useRef<Array<[string, InkKey]>>([]);
  const waiting = useRef(false);
  const [, setTick] = useState(0);
  useEffect(() => {
    // A text field opened or closed in this commit's effects (the filter's Enter closes it from
    // the list's effect): the scopes of this render are stale until the render that follows, so
    // the next key waits for it (else "/name Enter e" typed at once lost the e).
    if (Boolean(editorRef.current) !== Boolean(editor)) return;
    waiting.current = false;
    while (queue.current.length > 0 && !waiting.current) {
      const [input, key] = queue.current.shift()!;
      runKey(input, key);
    }
  });
  const runKey = (input: string, key: InkKey) => {
    latestProcess.current(input, key);
    // Every key waits for the render that shows its effect before the next one is handled: a
    // field's value and the open scopes then never lag behind the keys (measured: a render is
    // a few ms, so typing is not slowed).
    waiting.current = true;
    setTick((t) => t + 1);
  };
  useInput((input, key) => {
    for (const [part, partKey] of splitInput(input, key)) {
      if (waiting.current) queue.current.push([part, partKey]);
      else runKey(part, partKey);
    }
  });

  if (size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows) {
    return <Text wrap="truncate">{`whalewatch needs ${MIN_SIZE.columns}×${MIN_SIZE.rows}; this terminal is ${size.columns}×${size.rows}. q quits.`}</Text>;
  }

  // Rows − 1: a frame as tall as the terminal makes Ink clear and redraw everything (DESIGN.md).
  const height = size.rows - (repaint ? 0 : 1);
  const width = size.columns;
  const main = height - 4;
  const helpLines = (helpScopes: Scope[]): ViewLine[] =>
    (readOnly ? [{text: 'Read-only mode: the keys that change anything are hidden and refused.'}, {text: ''}] : []).concat(helpScopes.flatMap((scope) => {
      const list = commandsIn([scope], readOnly);
      if (list.length === 0) return [];
      return [
        {text: SCOPE_TITLES[scope]},
        ...list.map((c) => ({text: `  ${c.keys.map(displayKey).join(' ').padEnd(16)} ${c.description}`})),
        {text: ''},
      ];
    }));

  return (
    <CommandsContext.Provider value={commands}>
      <ServicesContext.Provider value={services}>
      <Box flexDirection="column" width={width} height={height}>
        <Text wrap="truncate">
          {SHOWN.map((id) => {
            const tab = PANE_TABS.find((t) => t.id === id)!;
            return id === pane ? <Text key={id} inverse bold>{` ${tab.key} ${tab.title} `}</Text> : <Text key={id} dimColor>{` ${tab.key} ${tab.title} `}</Text>;
          })}
          <Text dimColor>{'  whalewatch'}</Text>
        </Text>
        <Box height={main} flexShrink={0} flexDirection="column">
          {view?.kind === 'logs' && store.engine ? (
            <LogsView engine={store.engine} id={view.container.id} name={sanitize(view.container.name)} width={width} height={main} onClose={() => setView(undefined)} />
          ) : view?.kind === 'text' ? (
            <TextView title={view.title} lines={view.lines} revealed={view.revealed} width={width} height={main} onClose={() => setView(undefined)} />
          ) : view?.kind === 'events' ? (
            <EventsView events={snapshot.events} width={width} height={main} onClose={() => setView(undefined)} />
          ) : view?.kind === 'custom' ? (
            view.render({width, height: main, onClose: () => setView(undefined)})
          ) : view?.kind === 'help' ? (
            <TextView title="help" lines={helpLines(view.scopes)} width={width} height={main} onClose={() => setView(undefined)} />
          ) : view?.kind === 'palette' ? (
            <Palette
              commands={COMMANDS.filter((c) => listScopes.includes(c.scope) && c.id !== 'app.palette' && !(readOnly && c.mutating))}
              width={width}
              height={main}
              onClose={() => setView(undefined)}
              onRun={(id) => {
                // The list's handlers come back when the palette closes: run the command then.
                pendingCommand.current = id;
                setView(undefined);
              }}
            />
          ) : (
            <paneView.component key={pane} snapshot={snapshot} state={list} setState={setListState} width={width} height={main} nowSeconds={now} />
          )}
        </Box>
        {dialog ? <Dialog dialog={dialog} width={width} onClose={() => setDialog(undefined)} /> : <Toasts toasts={toasts} width={width} />}
        <Footer scopes={scopes} readOnly={readOnly} width={width} />
        <StatusBar snapshot={snapshot} width={width} />
      </Box>
      </ServicesContext.Provider>
    </CommandsContext.Provider>
  );
}
