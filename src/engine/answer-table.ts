/**
 * Remembered answers of one action plan, by (bits of the candidates that applied, missing-key sequence):
 * both small non-negative integers. Open addressing over typed arrays, so finding an answer is a hash and a
 * probe or two, not two Map look-ups (issue 16). Bounded: past `limit` entries nothing more is remembered.
 */
export class AnswerTable<T> {
  private applied = new Int32Array(16).fill(-1);
  private sequences = new Int32Array(16);
  private values: (T | undefined)[] = new Array<T | undefined>(16);
  private mask = 15;
  size = 0;

  constructor(private readonly limit: number) {}

  get(applied: number, sequence: number): T | undefined {
    let i = slot(applied, sequence) & this.mask;
    for (;;) {
      const a = this.applied[i]!;
      if (a === -1) return undefined;
      if (a === applied && this.sequences[i] === sequence) return this.values[i];
      i = (i + 1) & this.mask;
    }
  }

  /** Remembers `value` for a key not yet present; does nothing once the table is full. */
  set(applied: number, sequence: number, value: T): void {
    if (this.size >= this.limit) return;
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.put(applied, sequence, value);
    this.size++;
  }

  private put(applied: number, sequence: number, value: T): void {
    let i = slot(applied, sequence) & this.mask;
    while (this.applied[i] !== -1) i = (i + 1) & this.mask;
    this.applied[i] = applied;
    this.sequences[i] = sequence;
    this.values[i] = value;
  }

  private grow(): void {
    const { applied, sequences, values } = this;
    const capacity = (this.mask + 1) * 2;
    this.applied = new Int32Array(capacity).fill(-1);
    this.sequences = new Int32Array(capacity);
    this.values = new Array<T | undefined>(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < applied.length; i++) if (applied[i] !== -1) this.put(applied[i]!, sequences[i]!, values[i]!);
  }
}

function slot(applied: number, sequence: number): number {
  return (Math.imul(applied, 0x9e3779b1) ^ Math.imul(sequence, 0x85ebca77)) >>> 16;
}
