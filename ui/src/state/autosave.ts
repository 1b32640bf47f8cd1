// Autosave: every change is stored within a second without a Save button. Each part (a
// section, a table, a field) has its own pending write, so saving one never waits for typing in
// another. The status is truthful: 保存失败 wins until that part saves; 保存中 while anything is
// pending or in flight; 已保存 only when everything is stored.

export type SaveStatus = "saved" | "saving" | "failed";

interface Pending {
  timer: ReturnType<typeof setTimeout> | null;
  write: () => Promise<void>;
}

export class Autosave {
  private pending = new Map<string, Pending>();
  private inFlight = new Map<string, Promise<void>>();
  private failures = new Map<string, string>();
  private listeners = new Set<(s: SaveStatus, error: string | null) => void>();

  constructor(private delayMs = 400) {}

  get status(): SaveStatus {
    if (this.failures.size) return "failed";
    if (this.pending.size || this.inFlight.size) return "saving";
    return "saved";
  }

  /** The first failure's message, for the indicator's tooltip. */
  get error(): string | null {
    return this.failures.values().next().value ?? null;
  }

  onChange(listener: (s: SaveStatus, error: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const l of this.listeners) l(this.status, this.error);
  }

  /** Schedules `write` for `key`, replacing any write of the same key not yet started. */
  schedule(key: string, write: () => Promise<void>) {
    const old = this.pending.get(key);
    if (old?.timer) clearTimeout(old.timer);
    const entry: Pending = { write, timer: null };
    entry.timer = setTimeout(() => void this.run(key), this.delayMs);
    this.pending.set(key, entry);
    this.emit();
  }

  private async run(key: string): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry) return;
    // Writes of one key stay in order.
    const before = this.inFlight.get(key);
    if (before) await before.catch(() => {});
    if (this.pending.get(key) !== entry) return;
    this.pending.delete(key);
    const p = entry.write().then(
      () => {
        this.failures.delete(key);
      },
      (e: unknown) => {
        const message = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
        this.failures.set(key, message);
      },
    );
    this.inFlight.set(key, p);
    this.emit();
    await p;
    if (this.inFlight.get(key) === p) this.inFlight.delete(key);
    this.emit();
  }

  /** Starts every pending write now and waits for all of them (blur, close, quit). */
  async flush(): Promise<void> {
    const keys = [...this.pending.keys()];
    for (const k of keys) {
      const e = this.pending.get(k);
      if (e?.timer) clearTimeout(e.timer);
    }
    await Promise.all(keys.map((k) => this.run(k)));
    await Promise.all([...this.inFlight.values()]);
  }
}
