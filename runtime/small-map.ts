// A map for the few entries one message's run keeps (the modules' state for
// the message, the header lines a script replaced, its AVPs): one is made for most
// messages, and making a Map costs more (~40 ns measured here) than the
// lookups it then serves. Up to LINEAR entries it is one array of keys and
// values searched in order (keys compared with ===); past that, a Map.

const LINEAR = 8;

export class SmallMap<K, V> {
  /** key0, value0, key1, value1, ... while there are at most LINEAR entries. */
  private pairs: unknown[] = [];
  private map: Map<K, V> | undefined;

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return this.map ? this.map.size : this.pairs.length >> 1;
  }

  get(key: K): V | undefined {
    if (this.map) return this.map.get(key);
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return pairs[i + 1] as V;
    return undefined;
  }

  has(key: K): boolean {
    if (this.map) return this.map.has(key);
    return this.indexOf(key) >= 0;
  }

  set(key: K, value: V): this {
    if (this.map) {
      this.map.set(key, value);
      return this;
    }
    const i = this.indexOf(key);
    if (i >= 0) this.pairs[i + 1] = value;
    else if (this.pairs.length < 2 * LINEAR) this.pairs.push(key, value);
    else {
      this.map = new Map(this.entries());
      this.map.set(key, value);
      this.pairs = [];
    }
    return this;
  }

  delete(key: K): boolean {
    if (this.map) return this.map.delete(key);
    const i = this.indexOf(key);
    if (i < 0) return false;
    this.pairs.splice(i, 2);
    return true;
  }

  clear(): void {
    this.map = undefined;
    this.pairs = [];
  }

  /** The entries in the order they were first set. */
  *entries(): IterableIterator<[K, V]> {
    if (this.map) {
      yield* this.map.entries();
      return;
    }
    for (let i = 0; i < this.pairs.length; i += 2) yield [this.pairs[i] as K, this.pairs[i + 1] as V];
  }

  *keys(): IterableIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private indexOf(key: K): number {
    const pairs = this.pairs;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return i;
    return -1;
  }
}
