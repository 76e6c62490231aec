// SIGINT and SIGTERM during a command: the first one aborts an AbortSignal (the run stops at the end
// of its current chunk and the command writes what it has, marked incomplete); a second one ends the
// process at once, after the command's cleanup (its temporary files and its lock).

export type SignalName = "SIGINT" | "SIGTERM";
export const SIGNALS: readonly SignalName[] = ["SIGINT", "SIGTERM"];

/** Exit codes after a signal, as a shell reports them: 128 + the signal's number. */
export const EXIT_CODES: Readonly<Record<SignalName, number>> = { SIGINT: 130, SIGTERM: 143 };

/** What delivers signals: the process, or a stand-in (an EventEmitter) in tests. */
export interface SignalSource {
  on(event: SignalName, listener: () => void): unknown;
  off(event: SignalName, listener: () => void): unknown;
}

export interface Interrupts {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  readonly received: SignalName | undefined;
  /** Stop listening. */
  dispose(): void;
}

/**
 * Listen for SIGINT and SIGTERM on `source`. The first aborts `signal`; a later one calls `force`
 * (default: nothing) with it, e.g. to clean up and exit at once.
 */
export function catchInterrupts(source: SignalSource, force: (sig: SignalName) => void = () => {}): Interrupts {
  const controller = new AbortController();
  let received: SignalName | undefined;
  const listeners = SIGNALS.map((sig) => {
    const listener = () => {
      if (received === undefined) {
        received = sig;
        controller.abort(sig);
      } else force(sig);
    };
    source.on(sig, listener);
    return [sig, listener] as const;
  });
  return {
    signal: controller.signal,
    get received() { return received; },
    dispose: () => { for (const [sig, listener] of listeners) source.off(sig, listener); },
  };
}
