// Plain SQL through the same drivers as Prisma, for the one path where Prisma's per-query cost is the
// cost: casting a ballot (docs/decisions/014-compiled-server-and-cast-path.md). Everything else uses Prisma.
// - SQLite: a second better-sqlite3 connection to the same file. Its statements are prepared once
//   and run synchronously, so a whole transaction (BEGIN IMMEDIATE … COMMIT) runs without letting
//   other code in between; transactions that arrive together share one COMMIT (group commit, each
//   in its own savepoint). It never waits inside SQLite (busy timeout 0): when Prisma's connection or
//   another process holds the write lock, BEGIN fails at once and the transaction is tried again
//   after a short pause, so the event loop is never blocked while Prisma's own transaction, which
//   needs the event loop to finish, holds the lock.
//   Durability without blocking (decision 014, second addendum): in WAL mode the COMMIT only writes
//   the WAL (synchronous = NORMAL); a transaction is answered after an fdatasync of the WAL file,
//   run in libuv's thread pool, has put that COMMIT on disk. One sync at a time covers every group
//   committed before it started. Checkpoints (copying the WAL into the database file) run in a
//   worker thread with its own connection, not inside a COMMIT on the event loop.
// - PostgreSQL: a client of the pool Prisma uses, at SERIALIZABLE like Prisma's transactions, retried
//   on serialization failures (transactionRetry).
// Write SQL with `?` placeholders and double-quoted Prisma table and column names; the PostgreSQL side
// numbers the placeholders. Dates go in as sqlDate(…), which both databases read as Prisma writes them.
import fs from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
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
  /**
   * Runs a statement; resolves to the number of rows it changed. Outside a transaction, a write
   * through the database itself is not waited for by the WAL sync: write in `transaction()`.
   */
  run(text: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDatabase extends Sql {
  /**
   * Runs `work` in one transaction and commits it, or rolls everything back when it throws. `work`
   * must do nothing but SQL through its `tx` (no Prisma, no waiting on anything else): it may be run
   * again from the start when the database refuses it for a concurrent writer.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A number that changes whenever another connection or process commits to the database (SQLite's
   * `PRAGMA data_version`; this connection's own commits do not change it), or null where there is
   * no such number (PostgreSQL). See keptWhileOthersDoNotWrite.
   */
  othersWriteStamp(): Promise<number | null>;
  /** The error of a failed WAL sync after which this connection refuses every write (WalSync), or null. */
  storageFailure(): unknown;
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
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code) || /^E(IO|NOSPC|DQUOT|ROFS)$/.test(code) || code === "53100" || code === "25006";
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** How a SQLite connection of this layer makes its commits durable (openSql; tests replace parts). */
export interface SqliteDurability {
  /** Puts everything written to the file so far on disk. Default: fdatasync in libuv's thread pool. */
  syncFile?: (fd: number) => Promise<void>;
  /** Checkpoints in a worker thread (default); false leaves them to SQLite inside COMMIT. */
  backgroundCheckpoints?: boolean;
}

class SqliteDatabase implements SqlDatabase {
  readonly kind = "sqlite" as const;
  private readonly connection: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Calls on the connection take turns, so that no statement lands inside another's transaction. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inner: Sql;
  /** WAL mode: syncs the WAL after COMMIT (null in a rollback journal, where COMMIT syncs itself). */
  private readonly walSync: WalSync | null;
  private readonly checkpointer: Checkpointer | null;

  constructor(file: string, durability: SqliteDurability = {}) {
    // timeout 0: never wait inside SQLite (see the top of this file).
    this.connection = new Database(file, { timeout: 0 });
    // As on Prisma's connection (db.server.ts): freed space is zeroed, so a copy of the file keeps no
    // stale copy of a sealed ballot-box entry.
    this.connection.pragma("secure_delete = ON");
    // The group commit's savepoints keep the original of every page a cast changes in a statement
    // journal; past 64 KB SQLite moved it into a temporary file, and every statement after that wrote
    // to the file: about 65 µs of each cast. In memory it holds about one cast's pages (it is cut back
    // at each RELEASE; a paper import, one savepoint, the pages it changes), and this connection runs
    // no large sorts (results and turnout are aggregated through Prisma's connection).
    this.connection.pragma("temp_store = MEMORY");
    if (this.connection.pragma("journal_mode", { simple: true }) === "wal") {
      // COMMIT writes the WAL without waiting for the disk; WalSync waits for it off the event loop
      // before anyone is told the write is done.
      this.connection.pragma("synchronous = NORMAL");
      // The file SQLite opened (a symbolic link resolved), whose WAL is "<that>-wal".
      const opened = (this.connection.pragma("database_list") as { name: string; file: string }[]).find((d) => d.name === "main")?.file || file;
      this.walSync = new WalSync(`${opened}-wal`, durability.syncFile ?? fdatasync);
      this.checkpointer = durability.backgroundCheckpoints === false ? null : new Checkpointer(file, this.connection);
    } else {
      // A rollback journal (a file never migrated to WAL): every COMMIT syncs before it returns.
      this.connection.pragma("synchronous = FULL");
      this.walSync = null;
      this.checkpointer = null;
    }
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

  /** Runs a transaction-control statement (BEGIN, SAVEPOINT…), prepared once like every other. */
  private control(text: string): void {
    this.statement(text).run();
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

  othersWriteStamp(): Promise<number | null> {
    return this.exclusive(async () => Number(this.statement("PRAGMA data_version").pluck().get()));
  }

  storageFailure(): unknown {
    return this.walSync?.failure ?? null;
  }

  /** Transactions waiting for the next group commit. */
  private waiting: Waiting[] = [];
  private flushing = false;

  /**
   * Group commit: the transactions that arrive while one commit (and its WAL sync) is under way are
   * written together, each in a savepoint of one BEGIN IMMEDIATE … COMMIT, and each is answered only
   * after that COMMIT is on disk (WalSync). One that throws rolls back to its savepoint and
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
    // While the WAL sync of the last group runs, more transactions arrive: they all go into the next
    // group, whose COMMIT the next sync covers anyway. Fewer, larger groups cost less of the event loop.
    await this.walSync?.idle();
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
    if (this.walSync?.failure != null) {
      for (const w of group) w.reject(this.walSync.failure);
      return "done";
    }
    try {
      this.control("BEGIN IMMEDIATE");
    } catch (error) {
      if (isSqliteBusy(error)) return { busy: error as Error };
      for (const w of group) w.reject(error);
      return "done";
    }
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      for (const w of group) {
        this.control("SAVEPOINT cast");
        try {
          const value = await w.work(this.inner);
          this.control("RELEASE cast");
          results.push({ ok: true, value });
        } catch (error) {
          // SQLite may have rolled the whole transaction back itself (a full disk): then the group fails with this error.
          if (!this.connection.inTransaction) throw error;
          try {
            this.control("ROLLBACK TO cast");
            this.control("RELEASE cast");
          } catch {
            throw error;
          }
          results.push({ ok: false, error });
        }
      }
      this.control("COMMIT");
    } catch (error) {
      // The savepoints or the COMMIT failed (a full disk, a read-only file): nothing of the group is kept.
      if (this.connection.inTransaction) this.control("ROLLBACK");
      for (const w of group) w.reject(error);
      return "done";
    }
    const answer = () =>
      group.forEach((w, i) => {
        const result = results[i];
        if (result?.ok) w.resolve(result.value);
        else w.reject(result?.error);
      });
    if (!this.walSync) {
      answer();
      return "done";
    }
    // Answered once the COMMIT is on disk (not awaited here: the next flush waits for the sync before
    // it commits); a failed sync fails the group as a storage failure: nobody is told it was saved.
    this.walSync.afterCommit().then(
      () => {
        answer();
        this.checkpointer?.afterCommit();
      },
      (error: unknown) => {
        for (const w of group) w.reject(error);
      },
    );
    return "done";
  }
}

/** fdatasync(2) in libuv's thread pool. */
function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/**
 * Syncs the WAL file after commits: at most one sync at a time, and each one covers every commit
 * made before it started (commits made while one runs wait for the next). The file stays open: SQLite
 * keeps the WAL file (truncating it at most) as long as any connection has the database open, and
 * this layer's connection is open for the life of the process. SQLite takes no locks on the WAL file
 * itself (they are on the database and -shm files), so this descriptor cannot disturb them.
 */
class WalSync {
  /**
   * The error of a sync that failed. After one, the kernel may have dropped the pages it could not
   * write and a later sync can succeed without them, so no later write can be called durable: every
   * further transaction is refused (a storage failure, 503) until the process is restarted, as
   * PostgreSQL stops on a failed fsync.
   */
  failure: unknown = null;
  private fd: number | null = null;
  private running = false;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private onIdle: (() => void)[] = [];

  constructor(
    private readonly walFile: string,
    private readonly syncFile: (fd: number) => Promise<void>,
  ) {}

  /** Resolves when no sync is running (at once when none is). */
  idle(): Promise<void> {
    return this.running ? new Promise((resolve) => this.onIdle.push(resolve)) : Promise.resolve();
  }

  /** Resolves when everything committed before this call is on disk. */
  afterCommit(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || !this.waiting.length) return;
    const covered = this.waiting;
    this.waiting = [];
    this.running = true;
    let sync: Promise<void>;
    try {
      // After a COMMIT in WAL mode the WAL file exists.
      this.fd ??= fs.openSync(this.walFile, "r");
      sync = this.syncFile(this.fd).catch((error: unknown) => {
        if (this.failure === null) {
          this.failure = error;
          console.error(
            `STORAGE FAILURE: syncing ${this.walFile} failed (${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? String(error)}). ` +
              "The last casts are committed but may not be on disk; every further cast is refused (503) and /healthz answers 503 until the server is restarted on working storage.",
          );
        }
        throw error;
      });
    } catch (error) {
      // Not opened (too many open files, say): nothing was synced, and the next sync covers this COMMIT too.
      sync = Promise.reject(error);
    }
    sync.then(
      () => {
        for (const w of covered) w.resolve();
      },
      (error: unknown) => {
        for (const w of covered) w.reject(error);
      },
    ).finally(() => {
      this.running = false;
      for (const resolve of this.onIdle.splice(0)) resolve();
      this.next();
    });
  }
}

/** At least this long between two background checkpoints. */
const CHECKPOINT_INTERVAL_MS = 200;

/** How long the checkpoint thread waits for the write lock and for readers before it restarts the WAL. */
const RESTART_WAIT_MS = 10;
/** The WAL is restarted once it holds this many frames (4 MB with 4 KB pages, as SQLite's own 1,000-page checkpoint). */
const RESTART_AFTER_FRAMES = 1_000;

// The worker thread's code: its own connection and, per message, a PASSIVE checkpoint, which copies
// what it can while casts go on (it never waits). Under a steady stream of casts that alone never
// lets the WAL start again from its beginning (that needs a moment with everything copied and nobody
// writing), and the WAL grew by about 7 MB a second (500 MB in a 70 s bench). So once the WAL holds
// RESTART_AFTER_FRAMES frames, a RESTART follows: it copies the few frames committed meanwhile while
// holding the write lock (casts wait a moment: BEGIN IMMEDIATE is retried) and waits for readers, so
// that the next commit writes the WAL from its start again. That commit also syncs the WAL's new
// header on the event loop, which is why this is not done on every message. When the lock or the
// readers are not free within RESTART_WAIT_MS it stays a copy ("busy"), and a later message tries
// again. The connection's synchronous = NORMAL syncs the WAL before and the database file after each
// checkpoint, so the WAL is reused only once its frames are safe.
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const connection = new Database(workerData.file, { timeout: workerData.restartWaitMs });
connection.pragma("synchronous = NORMAL");
parentPort.on("message", () => {
  try {
    const [copied] = connection.pragma("wal_checkpoint(PASSIVE)");
    const [row] = copied.log >= workerData.restartAfterFrames ? connection.pragma("wal_checkpoint(RESTART)") : [copied];
    parentPort.postMessage({ ok: true, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
});
`;

/**
 * Checkpoints in a worker thread: the connection's own automatic checkpoint would copy about 1,000
 * pages into the database file inside a COMMIT, blocking the event loop for ~10 ms every ~70 casts.
 * At most one runs at a time, and at most one every CHECKPOINT_INTERVAL_MS while commits go on. If the
 * worker cannot run, SQLite's automatic checkpoints come back.
 */
class Checkpointer {
  private worker: Worker | null;
  private running = false;
  private last = 0;

  constructor(
    file: string,
    private readonly connection: Database.Database,
  ) {
    let worker: Worker | null = null;
    try {
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { driver, file, restartWaitMs: RESTART_WAIT_MS, restartAfterFrames: RESTART_AFTER_FRAMES } });
      worker.on("message", (reply: { ok: boolean; message?: string }) => {
        this.running = false;
        if (!reply.ok) console.error(`checkpoint: ${reply.message}`);
      });
      worker.on("error", (error) => this.fallBack(error.message));
      worker.on("exit", (code) => this.fallBack(`the checkpoint thread exited with ${code}`));
      // Neither the server nor a CLI command waits for it to exit. After the listeners: adding a
      // "message" listener refs the worker again (a CLI command then never exited).
      worker.unref();
      connection.pragma("wal_autocheckpoint = 0");
    } catch (error) {
      worker = null;
      console.error(`checkpoint thread not started (${(error as Error).message}); SQLite checkpoints inside COMMIT`);
    }
    this.worker = worker;
  }

  afterCommit(): void {
    if (!this.worker || this.running) return;
    const now = Date.now();
    if (now - this.last < CHECKPOINT_INTERVAL_MS) return;
    this.last = now;
    this.running = true;
    this.worker.postMessage(null);
  }

  private fallBack(reason: string): void {
    if (!this.worker) return;
    this.worker = null;
    console.error(`checkpoint thread stopped (${reason}); SQLite checkpoints inside COMMIT again`);
    this.connection.pragma("wal_autocheckpoint = 1000");
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

  othersWriteStamp(): Promise<number | null> {
    return Promise.resolve(null);
  }

  storageFailure(): unknown {
    return null;
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

/** The storage failure of the process's SQL connection (SqlDatabase.storageFailure), null when none or not opened. */
export function sqlStorageFailure(): unknown {
  return globalForSql.omakouluSql?.storageFailure() ?? null;
}

/** A connection of its own to a SQLite file or on a PostgreSQL pool (sql() is the process's one). */
export function openSql(target: ({ sqliteFile: string } & SqliteDurability) | { pool: pg.Pool }): SqlDatabase {
  return "pool" in target ? new PostgresDatabase(target.pool) : new SqliteDatabase(target.sqliteFile, target);
}

/**
 * `load`, with its answers kept per key while no other connection or process writes to the database
 * (SqlDatabase.othersWriteStamp): for what the cast path reads on every request and only staff
 * change (a round's rules and projects, a school's area), written through Prisma's connection or
 * another process, never through this layer's. One `PRAGMA data_version` then replaces the reads.
 * On PostgreSQL (no stamp) every call loads. Kept answers are shared: callers must not change them.
 */
export function keptWhileOthersDoNotWrite<K extends string, T>(
  load: (key: K) => Promise<T>,
  { database = sql, maxKeys = 256 }: { database?: () => SqlDatabase; maxKeys?: number } = {},
): (key: K) => Promise<T> {
  const kept = new Map<K, { stamp: number; value: T }>();
  return async (key) => {
    const stamp = await database().othersWriteStamp();
    if (stamp === null) return load(key);
    const hit = kept.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    // A write committed while loading changes the stamp, so what was loaded with this one is read
    // again next time.
    const value = await load(key);
    kept.delete(key);
    kept.set(key, { stamp, value });
    if (kept.size > maxKeys) kept.delete(kept.keys().next().value as K);
    return value;
  };
}
