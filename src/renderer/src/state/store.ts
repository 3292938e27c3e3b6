// A tiny observable value: lanes and overlays subscribe to the view and the playhead directly, so
// scrolling and playback redraw canvases without re-rendering the React tree.
import { useSyncExternalStore } from 'react';

export class Store<T> {
  private readonly listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }

  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }

  /** Returns the function that unsubscribes (wavesurfer's habit: owners drain them on destroy). */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.get(),
  );
}
