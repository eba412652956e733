export type FaultAction = 'status' | 'drop' | 'truncate';

export interface FaultSpec {
  /** Only requests of this method (any when absent). */
  method?: string;
  /** Exact path, or a prefix ending in `*` (any when absent). */
  path?: string;
  vendor?: string;
  /** Only requests sent with this credential (any when absent). */
  key?: string;
  /** How many matching requests it hits (default 1). */
  count?: number;
  action?: FaultAction;
  /** For `status`: the status answered, in the vendor's error body (default 500). */
  status?: number;
  /** Waits this long before acting. */
  delayMs?: number;
}

export interface Fault {
  id: string;
  method?: string;
  path?: string;
  vendor?: string;
  keyHash?: string;
  remaining: number;
  action: FaultAction;
  status: number;
  delayMs: number;
}

export interface FaultTarget {
  vendor: string;
  method: string;
  path: string;
  credentialHashes: readonly string[];
}

/** Failures a test asked for, each hitting the next N requests that match it. */
export class FaultRegistry {
  #faults: Fault[] = [];
  #next = 1;

  constructor(private readonly hashKey: (key: string) => string) {}

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: `fault_${this.#next++}`,
      method: spec.method?.toUpperCase(),
      path: spec.path,
      vendor: spec.vendor,
      keyHash: spec.key === undefined ? undefined : this.hashKey(spec.key),
      remaining: spec.count ?? 1,
      action: spec.action ?? 'status',
      status: spec.status ?? 500,
      delayMs: spec.delayMs ?? 0,
    };
    this.#faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  /** The first fault matching the request, with one use taken from it. */
  take(target: FaultTarget): Fault | undefined {
    if (this.#faults.length === 0) return undefined;
    const fault = this.#faults.find((candidate) => matches(candidate, target));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((candidate) => candidate !== fault);
    return { ...fault };
  }
}

function matches(fault: Fault, target: FaultTarget): boolean {
  if (fault.vendor !== undefined && fault.vendor !== target.vendor) return false;
  if (fault.method !== undefined && fault.method !== target.method) return false;
  if (fault.keyHash !== undefined && !target.credentialHashes.includes(fault.keyHash)) return false;
  if (fault.path === undefined) return true;
  return fault.path.endsWith('*') ? target.path.startsWith(fault.path.slice(0, -1)) : target.path === fault.path;
}
