import type { Health } from '../../../shared/contract/state';

/**
 * Rise/fall thresholds of one environment, as nginx's upstream check module counts them:
 * `fall` consecutive failed probes take an up environment down, `rise` consecutive good
 * ones bring a down environment back. The very first probe decides at once, so a fresh
 * start shows the truth within one probe instead of after `rise` intervals.
 */
export class HealthState {
  state: Health = 'unknown';
  private goodRun = 0;
  private badRun = 0;

  constructor(
    private readonly rise: number,
    private readonly fall: number,
  ) {}

  /** Records one probe result; returns the state afterwards. */
  observe(ok: boolean): Health {
    if (ok) {
      this.goodRun++;
      this.badRun = 0;
      if (this.state === 'unknown' || (this.state === 'down' && this.goodRun >= this.rise)) this.state = 'up';
    } else {
      this.badRun++;
      this.goodRun = 0;
      if (this.state === 'unknown' || (this.state === 'up' && this.badRun >= this.fall)) this.state = 'down';
    }
    return this.state;
  }

  /** Passive failure: down at once, and `rise` good probes needed to come back. */
  forceDown(): void {
    this.state = 'down';
    this.goodRun = 0;
  }
}
