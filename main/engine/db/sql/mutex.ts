/**
 * A FIFO async lock. SQLite has one connection (the single writer); while a transaction with
 * asynchronous work is open on it, every other statement waits here instead of slipping into
 * that transaction.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock<T>(work: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
