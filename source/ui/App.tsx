import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useApp, useInput} from 'ink';
import type {Store} from '../store/store.js';
import type {Container} from '../docker/types.js';
import {COMMANDS, command, commandFor, displayKey, keyName, SCOPE_TITLES, commandsIn, type InkKey, type Scope} from '../keymap/keymap.js';
import {describeError} from '../docker/errors.js';
import {sanitize} from '../format/sanitize.js';
import {truncate} from '../format/cells.js';
import {CommandsContext, type Editor, type Handler} from './commands.js';
import {useSnapshot} from './use-store.js';
import {useSize} from './use-size.js';
import {editText, splitInput} from './text-input.js';
import {ContainersList, initialListState, type ListState} from './ContainersList.js';
import {StatusBar} from './StatusBar.js';
import {Footer} from './Footer.js';
import {Toasts, type Toast} from './Toasts.js';
import {TextView, type ViewLine} from './views/TextView.js';
import {LogsView} from './views/LogsView.js';
import {Palette} from './Palette.js';
import {Dialog, type DialogState} from './Dialog.js';
import {CONTAINER_ACTIONS} from './actions.js';
import {detailLines, jsonLines} from './details.js';

/** Smallest terminal the dashboard lays itself out in. */
export const MIN_SIZE = {columns: 60, rows: 12};

/** What covers the list: a text view, help or the palette. */
type View =
  | {kind: 'logs'; container: Container}
  | {kind: 'text'; title: string; lines: readonly ViewLine[]}
  | {kind: 'help'; scopes: Scope[]}
  | {kind: 'palette'};

/** Props of the dashboard. */
export type AppProps = {
  store: Store;
  /** Fixed size (tests); otherwise the terminal's, followed on resize. */
  size?: {columns: number; rows: number};
  /** Called once when the user quits, before Ink exits. */
  onQuit?(): void;
};

/** The dashboard: layout, the keyboard, and the views over the list. */
export function App({store, size: fixedSize, onQuit}: AppProps) {
  const snapshot = useSnapshot(store);
  const size = useSize(fixedSize);
  const {exit} = useApp();
  const handlers = useRef<Partial<Record<Scope, Handler>>>({});
  const [editor, setEditorState] = useState<Editor | undefined>(undefined);
  const editorRef = useRef<Editor | undefined>(undefined);
  const setEditor = useCallback((next: Editor | undefined) => {
    editorRef.current = next;
    setEditorState(next);
  }, []);
  const [list, setListState] = useState<ListState>(initialListState);
  const [view, setView] = useState<View | undefined>(undefined);
  const [dialog, setDialog] = useState<DialogState | undefined>(undefined);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  const nextToast = useRef(1);
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

  const toast = useCallback((kind: Toast['kind'], text: string, replaces?: number) => {
    const id = replaces ?? nextToast.current++;
    setToasts((all) => [...all.filter((t) => t.id !== id), {id, kind, text}].slice(-5));
    if (kind !== 'working') setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000);
    return id;
  }, []);

  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, [exit, onQuit]);

  /** Runs an action on a container: a working toast, the call, then the result in one line. */
  const perform = useCallback(
    async (commandId: string, container: Container, volumes = false) => {
      const engine = store.engine;
      const action = CONTAINER_ACTIONS[commandId]?.(container);
      if (!engine || !action) return;
      const name = sanitize(container.name);
      const id = toast('working', `${action.working} ${name}…`);
      try {
        await action.run(engine, container, {volumes});
        toast('done', `${name} ${action.done}${volumes ? ' with its anonymous volumes' : ''}`, id);
      } catch (error) {
        toast('error', `${action.working.replace(/ing$/, '')} ${name}: ${describeError(error)}`, id);
      }
      store.refresh(container.id);
    },
    [store, toast],
  );

  const openInspect = useCallback(
    async (container: Container, details: boolean) => {
      const engine = store.engine;
      if (!engine) return;
      try {
        const inspected = await engine.inspectContainer(container.id);
        const lines = details ? detailLines(container, inspected, store.getSnapshot().stats.get(container.id)) : jsonLines(inspected);
        setView({kind: 'text', title: `${details ? 'details' : 'inspect'} ${sanitize(container.name)}`, lines});
      } catch (error) {
        toast('error', `inspect ${sanitize(container.name)}: ${describeError(error)}`);
      }
    },
    [store, toast],
  );

  const onContainerCommand = useCallback(
    (id: string, container: Container) => {
      if (id === 'list.logs') return setView({kind: 'logs', container});
      if (id === 'list.inspect' || id === 'list.open') return void openInspect(container, id === 'list.open');
      if (id === 'containers.rename') {
        return setDialog({kind: 'prompt', title: `Rename ${sanitize(container.name)} to`, value: sanitize(container.name), onAccept: (name) => renameTo(container, name)});
      }
      const action = CONTAINER_ACTIONS[id]?.(container);
      if (!action) return false;
      if (action.confirm) {
        return setDialog({
          kind: 'confirm',
          question: `${action.confirm} ${sanitize(container.name)}?`,
          volumes: id === 'containers.remove',
          onYes: (volumes) => void perform(id, container, volumes),
        });
      }
      void perform(id, container);
    },
    [perform, openInspect],
  );

  const renameTo = async (container: Container, name: string) => {
    const engine = store.engine;
    if (!engine || !name || name === container.name) return;
    const id = toast('working', `renaming ${sanitize(container.name)}…`);
    try {
      await engine.rename(container.id, name);
      toast('done', `${sanitize(container.name)} renamed to ${sanitize(name)}`, id);
    } catch (error) {
      toast('error', `rename ${sanitize(container.name)}: ${describeError(error)}`, id);
    }
    store.refresh(container.id);
  };

  const listScopes: Scope[] = ['containers', 'list', 'global'];
  const scopes: Scope[] = editor
    ? [editor.scope]
    : dialog
      ? [dialog.kind === 'confirm' ? 'confirm' : 'prompt']
      : view?.kind === 'logs'
        ? ['logs', 'text', 'global']
        : view?.kind === 'text' || view?.kind === 'help'
          ? ['text', 'global']
          : view?.kind === 'palette'
            ? ['palette']
            : listScopes;

  // The App renders the commands context, so it cannot use useScope itself: it sets its handler.
  handlers.current.global = (id) => {
    switch (id) {
      case 'app.quit': return quit();
      case 'app.help':
        if (view?.kind === 'help') return setView(undefined);
        return setView({kind: 'help', scopes: view?.kind === 'logs' ? ['logs', 'text', 'global'] : view ? ['text', 'global'] : listScopes});
      case 'app.palette': return setView({kind: 'palette'});
      case 'pane.next':
      case 'pane.previous':
      case 'pane.containers': return setView(undefined);
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
  const height = size.rows - 1;
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
      <Box flexDirection="column" width={width} height={height}>
        <Text wrap="truncate">
          <Text inverse bold>{' 1 Containers '}</Text>
          <Text dimColor>{truncate('  whalewatch', width - 14)}</Text>
        </Text>
        <Box height={main} flexShrink={0} flexDirection="column">
          {view?.kind === 'logs' && store.engine ? (
            <LogsView engine={store.engine} id={view.container.id} name={sanitize(view.container.name)} width={width} height={main} onClose={() => setView(undefined)} />
          ) : view?.kind === 'text' ? (
            <TextView title={view.title} lines={view.lines} width={width} height={main} onClose={() => setView(undefined)} />
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
            <ContainersList
              snapshot={snapshot}
              state={list}
              setState={setListState}
              width={width}
              height={main}
              nowSeconds={now}
              onContainerCommand={onContainerCommand}
            />
          )}
        </Box>
        {dialog ? <Dialog dialog={dialog} width={width} onClose={() => setDialog(undefined)} /> : <Toasts toasts={toasts} width={width} />}
        <Footer scopes={scopes} readOnly={readOnly} width={width} />
        <StatusBar snapshot={snapshot} width={width} />
      </Box>
    </CommandsContext.Provider>
  );
}
