import type {Toast} from './Toasts.js';

/**
 * The toasts, kept outside React so they outlive one mount of the App: a terminal hand-over
 * unmounts Ink and renders a fresh App, and "shell … ended" is said after that, by code that
 * belongs to the App that was unmounted. Subscribe/getSnapshot for useSyncExternalStore.
 */
export class ToastList {
  private toasts: readonly Toast[] = [];
  private next = 1;
  private readonly listeners = new Set<() => void>();

  /** Shows a toast (the last five are kept); a `working` one stays until replaced by id. */
  show(kind: Toast['kind'], text: string, replaces?: number): number {
    const id = replaces ?? this.next++;
    this.set([...this.toasts.filter((t) => t.id !== id), {id, kind, text}].slice(-5));
    if (kind !== 'working') {
      // unref: a toast waiting to fade must not keep the program alive.
      setTimeout(() => this.set(this.toasts.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000).unref?.();
    }
    return id;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.toasts;

  private set(next: readonly Toast[]) {
    this.toasts = next;
    for (const listener of this.listeners) listener();
  }
}
