import { SOURCE_COLUMNS } from '../bronze/validate-source.ts';
import type { StageContext } from '../context.ts';
import { ACHAT_CONTENT, ACHAT_REASONS, ACHAT_REPAIRS, parsedAchatsSql } from './achats.ts';
import { CLIENT_CONTENT, CLIENT_REASONS, CLIENT_REPAIRS, parsedClientsSql } from './clients.ts';
import { writeClientsHistory } from './clients-history.ts';
import { finishSilverEntity, type SilverEntityResult } from './entity.ts';
import { SINGLE_FILE_LINEAGE, type BronzeLineage } from './lineage.ts';

export interface SilverResult {
  clients: SilverEntityResult;
  achats: SilverEntityResult;
}

/**
 * Silver: typed, repaired, deduplicated rows, and the quarantine with a
 * reason for every row set aside. Clients first: a purchase of a client
 * that is not in silver is `unknown_client`. `lineage` says how rows of
 * several files are ordered (one file per source by default).
 */
export async function runSilver(ctx: StageContext, lineage: BronzeLineage = SINGLE_FILE_LINEAGE): Promise<SilverResult> {
  const d = ctx.engine.dialect;
  const acrossFiles = lineage !== SINGLE_FILE_LINEAGE;
  await ctx.engine.materialize('parsed_clients', parsedClientsSql(d, lineage));
  const clients = await finishSilverEntity(ctx, {
    name: 'clients',
    id: 'id_client',
    columns: ['id_client', 'nom', 'email', 'email_valid', 'pays', 'date_inscription', '_source_row'],
    content: CLIENT_CONTENT,
    acrossFiles,
    lineage,
    rawColumns: SOURCE_COLUMNS.clients,
    reasons: CLIENT_REASONS,
    repairs: CLIENT_REPAIRS,
    more: (c) => writeClientsHistory(c, acrossFiles),
  });
  await ctx.engine.materialize('parsed_achats', parsedAchatsSql(d, ctx.runDate, lineage));
  const achats = await finishSilverEntity(ctx, {
    name: 'achats',
    id: 'id_achat',
    columns: ['id_achat', 'id_client', 'date_achat', 'montant', 'produit', '_source_row'],
    content: ACHAT_CONTENT,
    acrossFiles,
    lineage,
    rawColumns: SOURCE_COLUMNS.achats,
    reasons: ACHAT_REASONS,
    repairs: ACHAT_REPAIRS,
  });
  return { clients, achats };
}
