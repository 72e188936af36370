/* global window, document, requestAnimationFrame, MutationObserver, WheelEvent */
// Runs inside the page under test (evaluated by bench/ui-latency.ts): the samples are timed on
// the page's own clock, from the moment the page asks until the row is in the DOM and on screen.
window.__uiBench = {
  async latency({ port, ids, intervalMs }) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve) => (ws.onopen = resolve));
    const log = document.getElementById('log');
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const frame = () =>
      new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

    // Baseline: bare echo round trips at the same rate over the same kind of socket.
    const echo = [];
    for (let i = 0; i < ids.length; i++) {
      const start = performance.now();
      await new Promise((resolve) => {
        ws.onmessage = () => resolve();
        ws.send(JSON.stringify({ t: 'echo', id: i }));
      });
      echo.push(performance.now() - start);
      await sleep(Math.max(0, intervalMs - (performance.now() - start)));
    }

    // Completion → its row in the DOM, then the next frame, which is the one that shows it.
    const inDom = [];
    const onScreen = [];
    for (const id of ids) {
      const needle = `close #${id} completed`;
      const start = performance.now();
      const domAt = await new Promise((resolve) => {
        const seen = () =>
          [...log.querySelectorAll('[data-seq]')].some((row) => row.textContent.includes(needle));
        const observer = new MutationObserver(() => {
          if (seen()) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(log, { childList: true, subtree: true, characterData: true });
        ws.send(JSON.stringify({ t: 'complete', id }));
      });
      const shownAt = await frame();
      inDom.push(domAt - start);
      onScreen.push(shownAt - start);
      await sleep(Math.max(0, intervalMs - (performance.now() - start)));
    }
    ws.close();
    return { echo, inDom, onScreen };
  },

  longTasks: [],
  frames: [],
  watchLongTasks() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    // Long animation frames say where a slow frame went: scripts, or style and layout.
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        const scripts = f.scripts.reduce((n, s) => n + s.duration, 0);
        const layout = f.renderStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0;
        const top = [...f.scripts].sort((a, b) => b.duration - a.duration)[0];
        this.frames.push({
          duration: f.duration,
          scripts,
          layout,
          top: top
            ? `${top.invoker} ${Math.round(top.duration)} ms (forced layout ${Math.round(top.forcedStyleAndLayoutDuration)} ms)`
            : '',
        });
      }
    }).observe({ type: 'long-animation-frame' });
  },
  takeLongTasks() {
    return this.longTasks.splice(0);
  },
  takeFrames() {
    return this.frames.splice(0);
  },

  /** Scrolls to the top and the bottom of the log and reports the sequence numbers found there. */
  async ends() {
    const log = document.getElementById('log');
    const seqs = () => [...log.querySelectorAll('[data-seq]')].map((r) => Number(r.dataset.seq));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    // Scrolled as a technician scrolls (a wheel turn first): a scroll without one is taken for
    // layout, and the log keeps following the newest entries.
    const wheel = (deltaY) => log.dispatchEvent(new WheelEvent('wheel', { deltaY, bubbles: true }));
    wheel(-100);
    log.scrollTop = 0;
    await settle();
    const first = Math.min(...seqs());
    wheel(100);
    log.scrollTop = log.scrollHeight;
    await settle();
    return { first, last: Math.max(...seqs()) };
  },

  count() {
    return document.querySelector('.log-count')?.textContent ?? '';
  },
};
