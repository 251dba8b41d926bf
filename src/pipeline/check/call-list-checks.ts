import type { Dialect } from '../../engines/dialect.ts';
import { actionSql, excludedSql, prioritySql } from '../gold/call-list.ts';
import type { SqlCheck } from './checks.ts';

/**
 * `check` on the call list: each listed client is a scored client with the
 * action of their segment, the priority of that action, a reason, and
 * nobody the exclusion rule leaves out; ranks follow priority (descending,
 * ties by id) from 1 without gaps; every scored client not excluded is listed.
 */
export function callListChecks(d: Dialect): SqlCheck[] {
  const rank = d.quote('rank');
  return [
    {
      name: 'call_list: every row a scored client, with its segment, its action, its priority and a reason',
      sql: `SELECT count(*) AS failures FROM call_list l LEFT JOIN client_scores s ON s.id_client = l.id_client
            WHERE s.id_client IS NULL OR l.segment_label <> s.segment_label OR l.action IS NULL
               OR l.action <> ${actionSql(d, 's.segment_label')} OR l.reason IS NULL OR length(trim(l.reason)) = 0
               OR l.priority IS NULL OR abs(l.priority - ${prioritySql(d, 'l.action', 's')}) > 1e-9
               OR ${excludedSql('s')}`,
    },
    {
      name: 'call_list: ranks 1..n in order of priority (descending, ties by id_client)',
      sql: `SELECT count(*) AS failures FROM (
              SELECT ${rank}, row_number() OVER (ORDER BY priority DESC, id_client) AS expected FROM call_list
            ) r WHERE ${rank} <> expected`,
    },
    {
      name: 'call_list: every scored client the exclusion rule keeps is listed',
      sql: `SELECT count(*) AS failures FROM client_scores s LEFT JOIN call_list l ON l.id_client = s.id_client
            WHERE l.id_client IS NULL AND NOT ${excludedSql('s')}`,
    },
  ];
}
