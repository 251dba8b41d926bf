/**
 * Whether a process of this host is still running: how a lake tells the
 * staged files of a killed run (garbage) from those of a run in progress.
 * EPERM means it exists but belongs to another user.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
