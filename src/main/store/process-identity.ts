import { readFileSync, readlinkSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

/**
 * Who holds a case's lock, recorded so that a later reader can tell a live holder from a dead
 * one even after a reboot or when the pid has been given to another process.
 * - `bootId` (Linux) changes at every boot; elsewhere `bootTime` (now − uptime) stands in for it.
 * - `startTicks` (Linux: field 22 of /proc/<pid>/stat) tells two processes with one pid apart.
 */
export interface ProcessStamp {
  pid: number;
  host: string;
  /** /etc/machine-id: tells two computers with one host name apart (a shared folder). */
  machineId?: string | null;
  /** The PID namespace (a sandbox such as Flatpak or Snap has its own): pids of another mean nothing here. */
  pidNs?: string | null;
  bootId: string | null;
  /** Milliseconds since the epoch, to about a second. */
  bootTime: number;
  startTicks: number | null;
}

export function ownStamp(): ProcessStamp {
  return { pid: process.pid, host: hostname(), machineId: currentMachineId(), pidNs: currentPidNamespace(), bootId: currentBootId(), bootTime: currentBootTime(), startTicks: startTicksOf(process.pid) };
}

/**
 * dead: provably gone (rebooted since, or the pid now names a process that started later).
 * alive: provably the same process, on this machine.
 * unproven: it may be alive (another machine sharing the folder, or an OS without /proc, or a
 *   lock file from an older version naming a running pid): the analyst may take it over.
 */
export type Liveness = { state: 'dead'; why: string } | { state: 'alive'; why: string } | { state: 'unproven'; why: string };

/** Judges a holder recorded by `ownStamp` (or, for older lock files, a bare pid and the lock's mtime). */
export function livenessOf(holder: Partial<ProcessStamp> & { pid: number }, lockWrittenAt: number): Liveness {
  if (holder.host !== undefined && holder.host !== hostname()) {
    return { state: 'unproven', why: `it was taken on another computer (${holder.host}), perhaps over a shared folder` };
  }
  const machineId = currentMachineId();
  if (holder.machineId && machineId && holder.machineId !== machineId) {
    return { state: 'unproven', why: `it was taken on another computer with the same name (${holder.host ?? 'unknown'}), perhaps over a shared folder` };
  }
  const bootId = currentBootId();
  if (holder.bootId && bootId && holder.bootId !== bootId) {
    // Another boot of this very computer is a restart; without a machine id it could be a second
    // computer of the same name sharing the folder, so the analyst decides.
    if (holder.machineId && machineId) return { state: 'dead', why: 'this computer has restarted since' };
    return { state: 'unproven', why: 'it was taken before this computer last started, or on another computer of the same name' };
  }
  const bootTime = currentBootTime();
  // Without a boot id (macOS, Windows) a different boot time may be a restart or another computer: ask.
  if (!bootId && holder.bootTime !== undefined && Math.abs(holder.bootTime - bootTime) > 120_000) {
    return { state: 'unproven', why: 'it was taken before this computer last started, or on another computer of the same name' };
  }
  const pidNs = currentPidNamespace();
  if (holder.pidNs && pidNs && holder.pidNs !== pidNs) {
    return { state: 'unproven', why: `it was taken by process ${holder.pid} in another sandbox (PID namespace) on this computer, whose processes cannot be seen from here` };
  }
  // A lock written before this boot names a process of an earlier boot, whatever runs at that pid now.
  if (holder.bootId === undefined && lockWrittenAt < bootTime - 2_000) return { state: 'dead', why: 'it was written before this computer last started' };
  if (!pidExists(holder.pid)) return { state: 'dead', why: `process ${holder.pid} has ended` };
  const ticks = startTicksOf(holder.pid);
  if (ticks !== null) {
    if (holder.startTicks != null) {
      return holder.startTicks === ticks
        ? { state: 'alive', why: `process ${holder.pid} on this computer still has it open` }
        : { state: 'dead', why: `process ${holder.pid} ended and its number was given to another process` };
    }
    // An older lock file (a bare pid): the holder must have started before it wrote the lock.
    const started = startTimeOf(ticks);
    if (started !== null && started > lockWrittenAt + 2_000) return { state: 'dead', why: `process ${holder.pid} started after the lock was written, so it is not the process that wrote it` };
  }
  return { state: 'unproven', why: `process ${holder.pid} is running, but it cannot be proven to be the one that opened the case` };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function currentMachineId(): string | null {
  try {
    return readFileSync('/etc/machine-id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function currentPidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

function currentBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function currentBootTime(): number {
  return Math.round(Date.now() - uptime() * 1000);
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks after boot), or null without /proc. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Start time in ms since the epoch from /proc/stat's btime; Linux's USER_HZ is 100 on every architecture. */
function startTimeOf(ticks: number): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    const btime = Number(line?.slice(6));
    return Number.isFinite(btime) ? btime * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}
