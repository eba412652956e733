import type { Logger } from '../logging/logger.js';
import type { Partition } from '../store/partition.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

export const TASKS_COLLECTION = '__tasks';

export interface ScheduledTask {
  id: string;
  task: string;
  dueAt: number;
  payload: unknown;
}

export type TaskRunner = (partition: Partition, task: ScheduledTask) => void;

/**
 * Runs vendors' delayed work when the sandbox clock reaches it. Tasks are records of their
 * partition, so they reach the write-ahead log and survive a restart; one timer, armed for the
 * earliest, wakes the scheduler.
 */
export class Scheduler {
  /** Pending tasks by due time; small, so a sorted array serves. */
  #queue: { partitionId: string; task: ScheduledTask }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sequence = 0;
  #stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly run: TaskRunner,
    private readonly logger: Logger,
  ) {
    for (const partitionId of store.partitionIds()) {
      for (const task of store.partition(partitionId)!.collection<ScheduledTask>(TASKS_COLLECTION).values()) {
        this.#enqueue(partitionId, task);
      }
    }
    this.#arm();
  }

  add(partition: Partition, task: string, delayMs: number, payload: unknown): void {
    const dueAt = this.clock.nowMs() + Math.max(0, delayMs);
    const record: ScheduledTask = { id: `${dueAt}-${++this.#sequence}`, task, dueAt, payload };
    partition.collection<ScheduledTask>(TASKS_COLLECTION).put(record);
    this.#enqueue(partition.id, record);
    this.#arm();
  }

  /** Runs every task due by the sandbox clock; returns how many ran. */
  runDue(): number {
    return this.#drain((task) => task.dueAt <= this.clock.nowMs());
  }

  /** Runs every pending task now, and those they schedule, as if their time had come. */
  runAll(): number {
    return this.#drain(() => true);
  }

  /** Forgets the tasks of partitions that were dropped. */
  prune(): void {
    this.#queue = this.#queue.filter(({ partitionId }) => this.store.partition(partitionId) !== undefined);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #drain(isDue: (task: ScheduledTask) => boolean): number {
    let ran = 0;
    // A task may schedule another; the cap stops a task that reschedules itself forever.
    for (let guard = 0; guard < 10_000; guard++) {
      const next = this.#queue[0];
      if (!next || !isDue(next.task)) break;
      this.#queue.shift();
      const partition = this.store.partition(next.partitionId);
      if (!partition) continue;
      partition.collection(TASKS_COLLECTION).delete(next.task.id);
      try {
        this.run(partition, next.task);
      } catch (error) {
        this.logger.error({ err: error, task: next.task.task, partition: next.partitionId }, 'scheduled task failed');
      }
      ran++;
    }
    this.#arm();
    return ran;
  }

  #enqueue(partitionId: string, task: ScheduledTask): void {
    let index = this.#queue.length;
    while (index > 0 && this.#queue[index - 1]!.task.dueAt > task.dueAt) index--;
    this.#queue.splice(index, 0, { partitionId, task });
  }

  #arm(): void {
    clearTimeout(this.#timer);
    const next = this.#queue[0];
    if (!next || this.#stopped) return;
    const delay = Math.max(0, next.task.dueAt - this.clock.nowMs());
    this.#timer = setTimeout(() => this.runDue(), Math.min(delay, 2 ** 31 - 1));
    this.#timer.unref();
  }
}
