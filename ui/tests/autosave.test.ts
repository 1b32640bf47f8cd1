import { describe, expect, it, vi } from "vitest";
import { Autosave } from "../src/state/autosave";

describe("autosave", () => {
  it("writes the last value of a key once, within the delay", async () => {
    vi.useFakeTimers();
    const a = new Autosave(400);
    const writes: string[] = [];
    a.schedule("goals", async () => void writes.push("v1"));
    a.schedule("goals", async () => void writes.push("v2"));
    expect(a.status).toBe("saving");
    await vi.advanceTimersByTimeAsync(450);
    expect(writes).toEqual(["v2"]);
    expect(a.status).toBe("saved");
    vi.useRealTimers();
  });

  it("reports a failure until that part saves, even when others succeed", async () => {
    const a = new Autosave(0);
    a.schedule("cover", async () => {
      throw { code: "io", message: "磁盘已满" };
    });
    a.schedule("goals", async () => {});
    await a.flush();
    expect(a.status).toBe("failed");
    expect(a.error).toBe("磁盘已满");
    a.schedule("cover", async () => {});
    await a.flush();
    expect(a.status).toBe("saved");
  });

  it("flush starts pending writes at once and waits for them", async () => {
    const a = new Autosave(60_000);
    let done = false;
    a.schedule("x", () => new Promise<void>((r) => setTimeout(() => ((done = true), r()), 5)));
    await a.flush();
    expect(done).toBe(true);
    expect(a.status).toBe("saved");
  });
});
