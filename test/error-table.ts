// Shared by the bad-input tables: one case, and the check every case gets.
import { expect } from 'vitest';

/** A bad call, the error class it must raise and a pattern its message must match. */
export type ErrorCase = [name: string, run: () => unknown, error: new (...a: never[]) => Error, message: RegExp];

/** Runs the case's call and checks the class and message of what it throws. */
export function expectTypedError(run: () => unknown, ErrorClass: ErrorCase[2], message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ErrorClass);
  expect((caught as Error).message).toMatch(message);
}
