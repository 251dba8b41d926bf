import type { RefreshStatus } from './refresh-status.ts';

/** What a webhook receives: `text` for Slack and Teams incoming webhooks, the fields for anything else. */
export interface RefreshNotice {
  text: string;
  status: 'failed' | 'recovered';
  step: string | null;
  message: string;
  run_id: string | null;
  counts: RefreshStatus['counts'];
}

export function noticeOf(status: RefreshStatus): RefreshNotice {
  const failed = status.status === 'failed';
  const text = failed
    ? `electrolake: refresh failed at ${status.step}: ${status.message} (the previous publication is still served)`
    : `electrolake: refresh recovered, run ${status.run_id} published (${status.counts.files} new files, ${status.counts.rows} rows)`;
  return { text, status: failed ? 'failed' : 'recovered', step: status.step, message: status.message, run_id: status.run_id, counts: status.counts };
}

/**
 * POSTs the notice as JSON. A webhook that fails or does not answer within
 * 10 s is logged, never fatal: the refresh's own outcome stands.
 */
export async function postNotice(url: string, notice: RefreshNotice, log: (line: string) => void): Promise<void> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(notice),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) log(`notify  ${url} answered ${response.status}`);
  } catch (error) {
    log(`notify  could not reach ${url}: ${(error as Error).message}`);
  }
}
