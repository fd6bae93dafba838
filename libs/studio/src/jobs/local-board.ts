import { EventEmitter } from 'node:events';
import { acceptsUpdate, eventStream, type FanOutTally, type JobBoard, type JobEvent } from './board';

interface Tally {
  children: Map<number, number>;
  baseline: number;
  since: number;
}

/**
 * The job board of the embedded default: everything in this process's memory (jobs run here too). Live states
 * are kept while a job runs and a while after; a restart forgets them (the records remain).
 */
export class LocalJobBoard implements JobBoard {
  private readonly emitter = new EventEmitter();
  private readonly states = new Map<string, JobEvent>();
  private readonly tallies = new Map<string, Tally>();
  private readonly cancelled = new Set<string>();
  private readonly claims = new Map<string, string>();

  constructor(private readonly o: { keepFinished?: number } = {}) {
    this.emitter.setMaxListeners(0);
  }

  async publish(event: JobEvent): Promise<boolean> {
    const live = this.states.get(event.job.id);
    if (!acceptsUpdate(live?.job, event.job)) return false;
    this.states.delete(event.job.id); // re-insert: the map's order is recency, for pruning
    this.states.set(event.job.id, event);
    this.prune();
    this.emitter.emit(`job:${event.job.id}`, event);
    this.emitter.emit('event', event);
    return true;
  }

  /** Keeps the live states of the most recently updated jobs only. */
  private prune(): void {
    const keep = this.o.keepFinished ?? 1000;
    for (const id of this.states.keys()) {
      if (this.states.size <= keep) break;
      this.states.delete(id);
    }
  }

  async live(ids: readonly string[]): Promise<(JobEvent | undefined)[]> {
    return ids.map((id) => this.states.get(id));
  }

  subscribe(initial: JobEvent): AsyncIterableIterator<JobEvent> {
    const name = `job:${initial.job.id}`;
    return eventStream(initial, (push) => {
      this.emitter.on(name, push);
      return () => this.emitter.off(name, push);
    });
  }

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async tallyChild(
    rootId: string,
    index: number,
    done: number,
    o: { baseline?: boolean } = {},
  ): Promise<FanOutTally> {
    const now = Date.now();
    let t = this.tallies.get(rootId);
    if (!t) this.tallies.set(rootId, (t = { children: new Map(), baseline: 0, since: now }));
    const old = t.children.get(index) ?? 0;
    if (done > old) {
      t.children.set(index, done);
      if (o.baseline) t.baseline += done - old;
    }
    let sum = 0;
    for (const v of t.children.values()) sum += v;
    return { done: sum, baseline: t.baseline, since: t.since, now };
  }

  async clearTally(rootId: string): Promise<void> {
    this.tallies.delete(rootId);
  }

  async requestCancel(id: string): Promise<void> {
    this.cancelled.add(id);
    this.emitter.emit('cancel', id);
  }

  async cancelRequested(id: string): Promise<boolean> {
    return this.cancelled.has(id);
  }

  onCancel(listener: (id: string) => void): () => void {
    this.emitter.on('cancel', listener);
    return () => this.emitter.off('cancel', listener);
  }

  async claim(key: string, jobId: string): Promise<string | undefined> {
    const holder = this.claims.get(key);
    if (holder !== undefined && holder !== jobId) return holder;
    this.claims.set(key, jobId);
    return undefined;
  }

  async release(key: string, jobId: string): Promise<void> {
    if (this.claims.get(key) === jobId) this.claims.delete(key);
  }

  /** Listeners of one job's events (tests and metrics). */
  listeners(jobId: string): number {
    return this.emitter.listenerCount(`job:${jobId}`);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
