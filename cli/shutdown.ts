/** Resolve after SIGINT or SIGTERM has run `stop`, so services close their files and sockets cleanly. */
export function waitForShutdown(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      stop().finally(() => resolve());
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
