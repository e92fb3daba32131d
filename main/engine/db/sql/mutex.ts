import { AsyncLocalStorage } from 'node:async_hooks';

/** Which mutex the current asynchronous context holds, to catch a would-be deadlock. */
const held = new AsyncLocalStorage<Mutex>();

/**
 * A FIFO async lock. SQLite has one connection (the single writer); while a transaction with
 * asynchronous work is open on it, every other statement waits here instead of slipping into
 * that transaction. Asking for the lock again from inside the work that holds it (a statement
 * on the store's executor instead of the transaction's) would wait forever: it throws instead.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock<T>(work: () => Promise<T> | T): Promise<T> {
    if (held.getStore() === this) {
      throw new Error('this connection is held by the enclosing transaction: use the executor the transaction gave you');
    }
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await held.run(this, work);
    } finally {
      release();
    }
  }
}
