import {createContext, useContext, type ReactNode} from 'react';
import type {Store} from '../store/store.js';
import type {MachinesMonitor} from '../store/machines.js';
import type {HostTarget} from '../docker/types.js';
import type {Engine} from '../docker/engine.js';
import type {Container, TerminalSession} from '../docker/types.js';
import type {Scope} from '../keymap/keymap.js';
import type {Toast} from './Toasts.js';
import type {ViewLine} from './views/TextView.js';
import type {Answer, AnswerExtras} from './Dialog.js';

/** What a custom view is drawn with: the room it has and how to close it. */
export type ViewProps = {width: number; height: number; onClose(): void};

/**
 * What panes and views may ask of the App: the engine, toasts, a question, a prompt, and views
 * over the list. Panes stay free of layout and of each other; the App owns what is on screen.
 */
export type Services = {
  store: Store;
  /** Every known Docker host and its probes (the Machines pane). */
  machines: MachinesMonitor;
  /**
   * Makes `target` the active host: a new store for it replaces the current one (whose streams
   * all close), every pane then shows that engine. `key` names the Machines entry it came from.
   */
  switchHost(target: HostTarget, key?: string): void;
  /** Puts `text` on the clipboard through the terminal (OSC 52); `what` names it in the toast. */
  copyText(text: string, what: string): void;
  /** Shows a toast; a `working` one stays until replaced by id. Returns its id. */
  toast(kind: Toast['kind'], text: string, replaces?: number): number;
  /**
   * Asks y/n before something destructive; `extras` offers more answers, each with its words
   * (v: with volumes, a: all unused, f: forced). onAnswer runs only on a yes of some kind.
   */
  confirm(question: string, onAnswer: (answer: Answer) => void, extras?: AnswerExtras): void;
  /** Asks for one line of text; `accept` is the word for Enter ("renames", "pulls"). */
  prompt(title: string, value: string, onAccept: (value: string) => void, accept?: string): void;
  /** Opens a scrollable, searchable text view; `revealed` is the text with its secrets unmasked (S shows it). */
  openText(title: string, lines: readonly ViewLine[], revealed?: readonly ViewLine[]): void;
  /** Opens the logs of a container. */
  openLogs(container: Container): void;
  /** Opens a view of the pane's own (a form, a progress view); `scopes` drive footer and help. */
  openView(render: (props: ViewProps) => ReactNode, scopes: Scope[]): void;
  /** Closes whatever view is open. */
  closeView(): void;
  /**
   * Runs one engine call with a working toast, then says the result or the engine's error in one
   * line (`done` may read the call's result: "3 volumes removed, 12 MB reclaimed"). Resolves to
   * whether it succeeded; never rejects.
   */
  act<T>(what: {working: string; done: string | ((result: T) => string); failed: string}, call: (engine: Engine) => Promise<T>): Promise<boolean>;
  /**
   * Gives the real terminal to a session that `open` starts (engine.execShell, engine.attachTerminal)
   * and brings the dashboard back when it ends. `title` names it in toasts, sanitized by the
   * caller ("shell in web-1"): "opening …" while `open` runs, then "… ended (exit N)", or one line
   * saying why it could not open (then nothing was handed over). Never rejects. The dashboard is
   * unmounted meanwhile and comes back fresh: the caller's component may be gone when it resolves.
   */
  handOver(title: string, open: (engine: Engine) => Promise<TerminalSession>): Promise<void>;
};

export const ServicesContext = createContext<Services | undefined>(undefined);

/** The App's services, for a pane or a view. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside the App');
  return services;
}
