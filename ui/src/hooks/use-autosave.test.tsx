import { act, render } from "@testing-library/react";
import { StrictMode, useEffect } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AutosaveQueue } from "@/lib/autosave";
import { useAutosave } from "@/hooks/use-autosave";

let queueRef: AutosaveQueue<string> | undefined;

function Editor({ save }: { save: (value: string) => Promise<unknown> }) {
  const { queue, status } = useAutosave<string>(save);
  useEffect(() => {
    queueRef = queue;
  }, [queue]);
  return <p data-testid="status">{status}</p>;
}

beforeEach(() => {
  vi.useFakeTimers();
  queueRef = undefined;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("useAutosave", () => {
  it("keeps saving under StrictMode's mount, unmount, mount", async () => {
    const save = vi.fn(() => Promise.resolve());
    const view = render(
      <StrictMode>
        <Editor save={save} />
      </StrictMode>,
    );
    await act(async () => {
      queueRef?.update("hello");
      await vi.advanceTimersByTimeAsync(350);
    });
    expect(save).toHaveBeenCalledWith("hello");
    expect(view.getByTestId("status").textContent).toBe("saved");
  });

  it("saves a pending edit when the editor goes away", async () => {
    const save = vi.fn(() => Promise.resolve());
    const view = render(<Editor save={save} />);
    act(() => queueRef?.update("last words"));
    expect(save).not.toHaveBeenCalled();
    view.unmount();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(save).toHaveBeenCalledWith("last words");
    // Stopped afterwards: later edits are not sent.
    queueRef?.update("after unmount");
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("uses the newest save function the component passes", async () => {
    const first = vi.fn(() => Promise.resolve());
    const second = vi.fn(() => Promise.resolve());
    const view = render(<Editor save={first} />);
    view.rerender(<Editor save={second} />);
    await act(async () => {
      queueRef?.update("x");
      await vi.advanceTimersByTimeAsync(350);
    });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith("x");
  });
});
