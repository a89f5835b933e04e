// The append-only audit log. This module is the only writer and it only inserts: there is no
// update or delete of AuditLog rows anywhere in the application.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "./db.server";
import { sqlDate, type Sql } from "./sql.server";

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

/** appendAudit inside a plain-SQL transaction (sql.server.ts): the same row as Prisma writes. */
export async function appendAuditSql(tx: Sql, entry: AuditEntry): Promise<void> {
  await tx.run(`INSERT INTO "AuditLog" ("id", "at", "actorId", "action", "subjectType", "subjectId", "detail") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    randomUUID(),
    sqlDate(new Date()),
    entry.actorId,
    entry.action,
    entry.subjectType,
    entry.subjectId ?? null,
    JSON.stringify(entry.detail ?? {}),
  ]);
}
