// When each committed batch reached the projections' feed, kept until the batch is applied: the age of
// the oldest one waiting is the projections' lag in time (a search does not yet show what was committed
// that long ago), which the status and /metrics report.
export class CommitClock {
  private positions: number[] = [];
  private times: number[] = [];
  private head = 0;

  committed(position: number, at = performance.now()): void {
    this.positions.push(position);
    this.times.push(at);
  }

  applied(position: number): void {
    while (this.head < this.positions.length && this.positions[this.head] <= position) this.head++;
    // Drop the consumed front now and then, not at every batch (a shift per batch would be quadratic).
    if (this.head > 1024 && this.head * 2 > this.positions.length) {
      this.positions = this.positions.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Milliseconds the oldest batch not yet applied has waited; 0 when none waits. */
  waitingMillis(now = performance.now()): number {
    return this.head < this.times.length ? Math.max(0, now - this.times[this.head]) : 0;
  }
}
