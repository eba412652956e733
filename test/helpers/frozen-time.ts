import { jest } from '@jest/globals';

/**
 * Stops the wall clock (`Date`) for this test file, leaving timers and I/O real: an in-process
 * sandbox then sees every request of a burst in the same instant, however loaded the machine, and
 * time moves only by `advanceClock`. For tests whose expectations depend on where a window starts.
 */
export function freezeWallClock(at = Date.now()): void {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
      'setTimeout', 'clearTimeout',
    ],
  });
}

export function thawWallClock(): void {
  jest.useRealTimers();
}
