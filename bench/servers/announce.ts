// The child side of bench/child.ts: report the port over IPC, stop on SIGTERM or when the harness goes away.

export interface ChildMessage {
  port?: number;
  error?: string;
}

export function announce(port: number, close: () => unknown): void {
  const stop = async () => {
    try {
      await close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // The harness died without stopping us: do not linger.
  process.once('disconnect', () => void stop());
  process.send?.({ port } satisfies ChildMessage);
}

export function announceFailure(error: unknown): never {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ error: message } satisfies ChildMessage, () => process.exit(1));
  setTimeout(() => process.exit(1), 1000).unref();
  throw error;
}
