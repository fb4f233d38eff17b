/** Resident memory (VmRSS of /proc/<pid>/status) of the processes a benchmark runs on. Linux only. */
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS of one process in MiB, or null when it is gone (or not Linux). */
export function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

/** Every process whose parent is `pid` (from the ppid field of /proc/<n>/stat). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

export interface ProcessMemory {
  what: string;
  pid: number;
  /** resident MiB, summed over `processes` processes */
  rssMiB: number | null;
  processes: number;
}

/** One process's RSS. */
export function processMemory(what: string, pid: number | undefined): ProcessMemory {
  return { what, pid: pid ?? -1, rssMiB: pid === undefined ? null : rssMiB(pid), processes: 1 };
}

/**
 * A process and all its children (PostgreSQL: the postmaster and its backends, checkpointer,
 * WAL writer, …). Shared memory pages are counted in each process that touched them, so the sum
 * overstates what the group holds together; it is what each process's VmRSS says.
 */
export function processTreeMemory(what: string, pid: number | undefined): ProcessMemory {
  if (pid === undefined) return { what, pid: -1, rssMiB: null, processes: 0 };
  const pids = [pid, ...childrenOf(pid)];
  const values = pids.map(rssMiB).filter((x): x is number => x !== null);
  return {
    what,
    pid,
    rssMiB: values.length ? Math.round(values.reduce((s, x) => s + x, 0) * 10) / 10 : null,
    processes: values.length,
  };
}
