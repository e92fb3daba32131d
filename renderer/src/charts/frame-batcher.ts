/** Beyond this many waiting items (a hidden window gets no animation frames) they are handed over at once. */
const MAX_PENDING = 5000;

/**
 * Collects items and hands them over once per animation frame: a burst of a hundred price
 * updates costs one chart update and one paint, not a hundred.
 */
export class FrameBatcher<T> {
  private pending: T[] = [];
  private frame: number | null = null;

  constructor(private readonly flush: (items: T[]) => void) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= MAX_PENDING) this.deliver();
    else this.frame ??= requestAnimationFrame(() => this.deliver());
  }

  /** Drops what is waiting (the receiver is going away). */
  cancel(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
  }

  private deliver(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    const items = this.pending;
    this.pending = [];
    if (items.length > 0) this.flush(items);
  }
}
