// Plain SQL through the same drivers as Prisma, for the one path where Prisma's per-query cost is the
// cost: casting a ballot (docs/decisions/014-compiled-server-and-cast-path.md). Everything else uses Prisma.
// - SQLite: a second better-sqlite3 connection to the same file. Its statements are prepared once
//   and run synchronously, so a whole transaction (BEGIN IMMEDIATE … COMMIT) runs without letting
//   other code in between; transactions that arrive together share one COMMIT (group commit, each
//   in its own savepoint), so a burst of casts costs one disk sync, not one each. It never waits inside SQLite (busy timeout 0): when Prisma's connection or
//   another process holds the write lock, BEGIN fails at once and the transaction is tried again
//   after a short pause, so the event loop is never blocked while Prisma's own transaction, which
//   needs the event loop to finish, holds the lock.
// - PostgreSQL: a client of the pool Prisma uses, at SERIALIZABLE like Prisma's transactions, retried
//   on serialization failures (transactionRetry).
// Write SQL with `?` placeholders and double-quoted Prisma table and column names; the PostgreSQL side
// numbers the placeholders. Dates go in as sqlDate(…), which both databases read as Prisma writes them.
import Database from "better-sqlite3";
import pg from "pg";
import { BUSY_TIMEOUT_MS, databaseKind, databaseUrl, sqliteFile } from "./database-url.server";
import { postgresPool, transactionRetry } from "./db.server";

export type SqlValue = string | number | bigint | null | Uint8Array;

/** A connection or a transaction: `?` placeholders, rows as plain objects. */
export interface Sql {
  readonly kind: "sqlite" | "postgres";
  /** The first row, or undefined. */
  get<T>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(text: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends Sql {
  /**
   * Runs `work` in one transaction and commits it, or rolls everything back when it throws. `work`
   * must do nothing but SQL through its `tx` (no Prisma, no waiting on anything else): it may be run
   * again from the start when the database refuses it for a concurrent writer.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /**
   * Transactions with the same key run one after the other (PostgreSQL: a session advisory lock
   * taken before BEGIN, so the transaction's snapshot starts after the previous one committed).
   * Many concurrent casts by one pupil would otherwise fail each other's SERIALIZABLE transactions
   * faster than retries get through. SQLite's writers take turns anyway.
   */
  lockKey?: string;
}

/** A date as Prisma stores DateTime: ISO 8601 in UTC with milliseconds ("…T11:10:52.507+00:00"). */
export function sqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * A DateTime column as read through this layer: SQLite gives Prisma's ISO text, PostgreSQL a Date
 * (its "timestamp without time zone" read as UTC, which is what Prisma stores).
 */
export function readSqlDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A unique constraint refused the write (SQLite or PostgreSQL). */
export function isSqlUniqueViolation(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? "");
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * The database cannot store anything now (SQLite: the disk is full, the file read-only or a write
 * failed; PostgreSQL: disk full or a read-only transaction), as opposed to a bug: the cast path
 * answers 503 with a message instead of the error page.
 */
export function isStorageFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? "");
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code) || code === "53100" || code === "25006";
}

// ---------------------------------------------------------------------------------------------
// SQLite

class SqliteDatabase implements SqlDatabase {
  readonly kind = "sqlite" as const;
  private readonly connection: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Calls on the connection take turns, so that no statement lands inside another's transaction. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inner: Sql;

  constructor(file: string) {
    // timeout 0: never wait inside SQLite (see the top of this file).
    this.connection = new Database(file, { timeout: 0 });
    // As on Prisma's connection (db.server.ts): freed space is zeroed, so a copy of the file keeps no
    // stale copy of a sealed ballot-box entry.
    this.connection.pragma("secure_delete = ON");
    this.inner = {
      kind: "sqlite",
      get: async <T>(text: string, params: readonly SqlValue[] = []) => this.statement(text).get(...params) as T | undefined,
      all: async <T>(text: string, params: readonly SqlValue[] = []) => this.statement(text).all(...params) as T[],
      run: async (text: string, params: readonly SqlValue[] = []) => this.statement(text).run(...params).changes,
    };
  }

  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.connection.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get<T>(text: string, params?: readonly SqlValue[]) {
    return this.exclusive(() => this.inner.get<T>(text, params));
  }

  all<T>(text: string, params?: readonly SqlValue[]) {
    return this.exclusive(() => this.inner.all<T>(text, params));
  }

  run(text: string, params?: readonly SqlValue[]) {
    return this.exclusive(() => this.inner.run(text, params));
  }

  /** Transactions waiting for the next group commit. */
  private waiting: Waiting[] = [];
  private flushing = false;

  /**
   * Group commit: the transactions that arrive while one commit is under way are written together,
   * each in a savepoint of one BEGIN IMMEDIATE … COMMIT, and each is answered only after that COMMIT
   * (so an acknowledged write is on disk as before). One that throws rolls back to its savepoint and
   * gets its error; the others go on. A COMMIT that fails (a full disk) fails them all: none was
   * acknowledged. Casting many ballots at once then costs one disk sync per group, not per ballot.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject, deadline: Date.now() + BUSY_TIMEOUT_MS, attempt: 0 });
      if (!this.flushing) {
        this.flushing = true;
        // Let the requests already read by the server reach here too before the group starts.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const group = this.waiting.splice(0, GROUP_COMMIT_MAX);
    let outcome: "done" | { busy: Error };
    try {
      outcome = await this.exclusive(() => this.commitGroup(group));
    } catch (error) {
      // Not even a ROLLBACK worked: the group fails, and the next one starts on a fresh BEGIN.
      for (const w of group) w.reject(error);
      outcome = "done";
    }
    if (outcome !== "done") {
      // Another writer holds the lock: wait a little (longer each time) and try the same group again.
      const now = Date.now();
      const expired = group.filter((w) => now > w.deadline);
      for (const w of expired) w.reject(outcome.busy);
      const again = group.filter((w) => now <= w.deadline);
      for (const w of again) w.attempt += 1;
      this.waiting.unshift(...again);
      const attempt = again[0]?.attempt ?? 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 * attempt) + Math.random() * 5));
    }
    if (this.waiting.length) setImmediate(() => void this.flush());
    else this.flushing = false;
  }

  private async commitGroup(group: Waiting[]): Promise<"done" | { busy: Error }> {
    try {
      this.connection.exec("BEGIN IMMEDIATE");
    } catch (error) {
      if (isSqliteBusy(error)) return { busy: error as Error };
      for (const w of group) w.reject(error);
      return "done";
    }
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      for (const w of group) {
        this.connection.exec("SAVEPOINT cast");
        try {
          const value = await w.work(this.inner);
          this.connection.exec("RELEASE cast");
          results.push({ ok: true, value });
        } catch (error) {
          // SQLite may have rolled the whole transaction back itself (a full disk): then the group fails with this error.
          if (!this.connection.inTransaction) throw error;
          try {
            this.connection.exec("ROLLBACK TO cast");
            this.connection.exec("RELEASE cast");
          } catch {
            throw error;
          }
          results.push({ ok: false, error });
        }
      }
      this.connection.exec("COMMIT");
    } catch (error) {
      // The savepoints or the COMMIT failed (a full disk, a read-only file): nothing of the group is kept.
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      for (const w of group) w.reject(error);
      return "done";
    }
    group.forEach((w, i) => {
      const result = results[i];
      if (result?.ok) w.resolve(result.value);
      else w.reject(result?.error);
    });
    return "done";
  }
}

/** A transaction waiting for its group (SqliteDatabase.transaction). */
interface Waiting {
  work: (tx: Sql) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  deadline: number;
  attempt: number;
}

/** At most this many transactions share one COMMIT. */
const GROUP_COMMIT_MAX = 64;

function isSqliteBusy(error: unknown): boolean {
  return String((error as { code?: unknown })?.code ?? "").startsWith("SQLITE_BUSY");
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** Prisma's DateTime columns are "timestamp without time zone" in UTC; pg would read them as local time. */
const TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP && format !== "binary" ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function postgresSql(client: pg.Pool | pg.PoolClient): Sql {
  const query = async (text: string, params: readonly SqlValue[]) => client.query({ text: numbered(text), values: params as unknown[], types });
  return {
    kind: "postgres",
    get: async <T>(text: string, params: readonly SqlValue[] = []) => (await query(text, params)).rows[0] as T | undefined,
    all: async <T>(text: string, params: readonly SqlValue[] = []) => (await query(text, params)).rows as T[],
    run: async (text: string, params: readonly SqlValue[] = []) => (await query(text, params)).rowCount ?? 0,
  };
}

class PostgresDatabase implements SqlDatabase {
  readonly kind = "postgres" as const;
  private readonly direct: Sql;

  constructor(private readonly pool: pg.Pool) {
    this.direct = postgresSql(pool);
  }

  get<T>(text: string, params?: readonly SqlValue[]) {
    return this.direct.get<T>(text, params);
  }

  all<T>(text: string, params?: readonly SqlValue[]) {
    return this.direct.all<T>(text, params);
  }

  run(text: string, params?: readonly SqlValue[]) {
    return this.direct.run(text, params);
  }

  transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return transactionRetry(async () => {
      const client = await this.pool.connect();
      let locked = false;
      let broken = false;
      try {
        if (options.lockKey !== undefined) {
          await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [options.lockKey]);
          locked = true;
        }
        await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
        const value = await work(postgresSql(client));
        await client.query("COMMIT");
        return value;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        if (locked) {
          // A session lock outlives the transaction: release it, or drop the connection if that fails.
          await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [options.lockKey]).catch(() => (broken = true));
        }
        client.release(broken);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------

const globalForSql = globalThis as unknown as { omakouluSql?: SqlDatabase };

/** The process's SQL connection to DATABASE_URL's database (opened on first use). */
export function sql(): SqlDatabase {
  if (!globalForSql.omakouluSql) {
    const url = databaseUrl();
    if (databaseKind(url) === "postgres") {
      const pool = postgresPool();
      if (!pool) throw new Error("the PostgreSQL pool is not open");
      globalForSql.omakouluSql = openSql({ pool });
    } else {
      globalForSql.omakouluSql = openSql({ sqliteFile: sqliteFile(url) });
    }
  }
  return globalForSql.omakouluSql;
}

/** A connection of its own to a SQLite file or on a PostgreSQL pool (sql() is the process's one). */
export function openSql(target: { sqliteFile: string } | { pool: pg.Pool }): SqlDatabase {
  return "pool" in target ? new PostgresDatabase(target.pool) : new SqliteDatabase(target.sqliteFile);
}
