import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc/<pid>/stat times: USER_HZ, 100 on every Linux architecture Node ships for. */
const USER_HZ = 100;
const KIB_PER_MIB = 1024;

/** Resident memory of a process now and at its peak, in MiB, from /proc/<pid>/status (VmRSS, VmHWM). */
export async function memory(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / KIB_PER_MIB, peakMiB: kib('VmHWM') / KIB_PER_MIB };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime), counted from 1 with `state` (field 3) at index 0.
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}
