import type { Clock } from '../../src';

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2024, 8, 5, 10, 0, 0)) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): this {
    this.ms += ms;
    return this;
  }
}
