/** Whether what a page says can be seen without scrolling: within its 1366×768 window. */
import type { Locator } from 'playwright-core';

/**
 * Waits until `locator` lies wholly within the window, the page scrolled to it (smoothly, where
 * the system allows motion); fails when it never comes: an export's "Saved …" once sat at y=766
 * of 768, below the bottom of the screen, and the page never scrolled to it.
 */
export async function comesIntoView(locator: Locator): Promise<void> {
  await locator.evaluate(
    (element) =>
      new Promise<void>((resolve, reject) => {
        const within = () => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        };
        // Settled once a scroll has had its frames; the page never scrolled leaves it out.
        let frames = 0;
        const look = () => {
          if (within()) resolve();
          else if (++frames > 120)
            reject(
              new Error(
                `not in view: ${JSON.stringify(element.getBoundingClientRect())} of ${window.innerHeight}`,
              ),
            );
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
}
