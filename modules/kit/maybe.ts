// A value now or later: what a module returns when only some of its work
// waits (usrloc's storage waits on a database, not on memory), so that the
// memory path stays synchronous and the script only waits when it must.

export type Maybe<T> = T | Promise<T>;

/** Applies `f` to the value, now when it is there, else when it comes. */
export function then<T, U>(value: Maybe<T>, f: (v: T) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Runs the steps one after another, waiting only for those that wait. */
export function sequence<T>(items: readonly T[], step: (item: T) => Maybe<void>): Maybe<void> {
  for (let i = 0; i < items.length; i++) {
    const r = step(items[i]!);
    if (r instanceof Promise) return r.then(() => sequence(items.slice(i + 1), step));
  }
  return undefined;
}

/** `f`'s result, with an exception or rejection turned into `onError`'s. */
export function guard<T>(f: () => Maybe<T>, onError: (e: unknown) => T): Maybe<T> {
  try {
    const r = f();
    return r instanceof Promise ? r.catch(onError) : r;
  } catch (e) {
    return onError(e);
  }
}
