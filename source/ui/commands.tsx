import {createContext, useContext, useEffect, useRef, type MutableRefObject} from 'react';
import type {Scope} from '../keymap/keymap.js';

/** Runs a command id; returns false when it did not apply, so an outer scope may take it. */
export type Handler = (id: string) => boolean | void;

/** A one-line text field that has the keyboard (filter, search, rename, palette). */
export type Editor = {
  scope: Scope;
  value: string;
  onChange(value: string): void;
  onCommand: Handler;
};

/** What components use to receive the commands of the keymap. */
export type Commands = {
  handlers: MutableRefObject<Partial<Record<Scope, Handler>>>;
  setEditor(editor: Editor | undefined): void;
};

export const CommandsContext = createContext<Commands | undefined>(undefined);

/**
 * Receives the commands of one scope while the component is mounted. The App resolves each key
 * through the keymap table once and hands the command to the innermost scope that handles it.
 */
export function useScope(scope: Scope, handler: Handler): void {
  const commands = useContext(CommandsContext);
  const latest = useRef(handler);
  latest.current = handler;
  const run = useRef<Handler>((id) => latest.current(id)).current;
  // Registered while rendering, not in an effect: a view that appeared on screen must take the
  // very next key, and effects can run after the frame is drawn.
  if (commands) commands.handlers.current[scope] = run;
  useEffect(() => {
    if (!commands) return;
    commands.handlers.current[scope] = run;
    return () => {
      if (commands.handlers.current[scope] === run) delete commands.handlers.current[scope];
    };
  }, [commands, scope, run]);
}

/** Gives the keyboard to a text field while `editor` is set. */
export function useEditor(editor: Editor | undefined): void {
  const commands = useContext(CommandsContext);
  useEffect(() => {
    commands?.setEditor(editor);
  }, [commands, editor]);
  useEffect(() => () => commands?.setEditor(undefined), [commands]);
}
