/**
 * Background traffic for the panel to show: `workers` loops of sequential GETs with a short
 * pause, until stopped. Light on purpose: the e2e machine has two cores and a browser.
 */
export function backgroundTraffic(url: string, workers = 2, pauseMs = 4): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const loop = async (): Promise<void> => {
    while (running) {
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        sent++;
      } catch {
        // A switch of listener can refuse one request; the panel is what is under test.
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return sent;
    },
  };
}
