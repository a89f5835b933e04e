// The append-only audit log. This module is the only writer and it only inserts: there is no
// update or delete of AuditLog rows anywhere in the application.
import type { Db, Tx } from "./db.server";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Ids and decisions only; never names, codes, passwords or ballot contents. */
  detail?: Record<string, unknown>;
}

export async function appendAudit(client: Db | Tx, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
