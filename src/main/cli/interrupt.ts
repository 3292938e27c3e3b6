// Ctrl+C cancels the running job cleanly (the worker stops, nothing is written) instead of
// killing the process halfway through a write.
export async function cancelOnInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    process.stderr.write('\ntimbrefold: cancelling…\n');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
