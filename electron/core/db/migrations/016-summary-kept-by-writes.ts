import type { Migration } from './migration';

/**
 * Schema v16: two of the month's summary's biggest reads kept ready by the writes, as
 * `case_counts` is for the caseload. At 250,000 cases the month's summary was 305–350 ms against
 * its 300 ms target; of that, orders in force at the period's end took 59 ms (72,000 orders, each
 * looking up its case's owner, then sorted by owner) and contacts by who logged them, method and
 * outcome 28 ms (55,000 contacts, sorted).
 *
 * - Each order carries its case's owner and `owner_since` (copies kept by triggers: a case changing
 *   hands rewrites its few orders), indexed owner first: the orders in force are counted owner by
 *   owner with no look-up and no sort (13 ms). Those whose case changed hands after the period's
 *   end are read from a small index of their own and credited from the history, as everywhere.
 *   `orders_period` (v15) is replaced: the new index serves an office's report too.
 * - `contact_month_counts`: contacts by month, who logged them, method and outcome, kept by
 *   triggers on every write to contacts (logging, editing, deleting, erasure, import, demo,
 *   merge). A period of whole months sums a few hundred rows; any other period, or an office's,
 *   still reads the contacts. A contact deleted (`deleted_at`) is not counted, as in the summary.
 *   A contact with no one credited is counted under 0 (a WITHOUT ROWID key cannot be null).
 */
export const summaryKeptByWrites: Migration = {
  version: 16,
  name: 'orders carry their case’s owner; contacts counted by month',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN owner_worker_id INTEGER;
      ALTER TABLE orders ADD COLUMN owner_since TEXT;
      UPDATE orders SET (owner_worker_id, owner_since) = (SELECT c.owner_worker_id, c.owner_since FROM cases c WHERE c.id = orders.case_id);
      DROP INDEX IF EXISTS orders_period;
      CREATE INDEX orders_owner_period ON orders(owner_worker_id, made_date, expiry_date, resolution, resolved_date, owner_since, case_id);
      CREATE INDEX orders_owner_changed ON orders(owner_since, case_id, made_date, expiry_date, resolution, resolved_date) WHERE owner_since IS NOT NULL;

      CREATE TRIGGER order_owner_copied AFTER INSERT ON orders BEGIN
        UPDATE orders SET (owner_worker_id, owner_since) = (SELECT c.owner_worker_id, c.owner_since FROM cases c WHERE c.id = NEW.case_id) WHERE id = NEW.id;
      END;
      CREATE TRIGGER order_owner_recopied AFTER UPDATE OF case_id ON orders WHEN OLD.case_id IS NOT NEW.case_id BEGIN
        UPDATE orders SET (owner_worker_id, owner_since) = (SELECT c.owner_worker_id, c.owner_since FROM cases c WHERE c.id = NEW.case_id) WHERE id = NEW.id;
      END;
      -- Only when the owner really changes: most case updates leave it be.
      CREATE TRIGGER case_owner_to_orders AFTER UPDATE OF owner_worker_id, owner_since ON cases
        WHEN OLD.owner_worker_id IS NOT NEW.owner_worker_id OR OLD.owner_since IS NOT NEW.owner_since BEGIN
        UPDATE orders SET owner_worker_id = NEW.owner_worker_id, owner_since = NEW.owner_since WHERE case_id = NEW.id;
      END;

      CREATE TABLE contact_month_counts (
        month TEXT NOT NULL,
        worker_key INTEGER NOT NULL,
        method TEXT NOT NULL,
        outcome TEXT NOT NULL,
        n INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (month, worker_key, method, outcome)
      ) WITHOUT ROWID;
      INSERT INTO contact_month_counts (month, worker_key, method, outcome, n)
        SELECT substr(contact_date, 1, 7), coalesce(credited_worker_id, 0), method, outcome, count(*) FROM contacts WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;

      CREATE TRIGGER contact_counted AFTER INSERT ON contacts WHEN NEW.deleted_at IS NULL BEGIN
        INSERT INTO contact_month_counts (month, worker_key, method, outcome, n)
          VALUES (substr(NEW.contact_date, 1, 7), coalesce(NEW.credited_worker_id, 0), NEW.method, NEW.outcome, 1)
          ON CONFLICT (month, worker_key, method, outcome) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER contact_uncounted AFTER DELETE ON contacts WHEN OLD.deleted_at IS NULL BEGIN
        DELETE FROM contact_month_counts WHERE month = substr(OLD.contact_date, 1, 7) AND worker_key = coalesce(OLD.credited_worker_id, 0)
          AND method = OLD.method AND outcome = OLD.outcome AND n = 1;
        UPDATE contact_month_counts SET n = n - 1 WHERE month = substr(OLD.contact_date, 1, 7) AND worker_key = coalesce(OLD.credited_worker_id, 0)
          AND method = OLD.method AND outcome = OLD.outcome;
      END;
      -- Only when a counted column really changes (an edit saves every field): out of the old
      -- month, worker, method and outcome when it was counted, into the new when it is.
      CREATE TRIGGER contact_recounted AFTER UPDATE OF contact_date, credited_worker_id, method, outcome, deleted_at ON contacts
        WHEN OLD.contact_date IS NOT NEW.contact_date OR OLD.credited_worker_id IS NOT NEW.credited_worker_id OR OLD.method IS NOT NEW.method
          OR OLD.outcome IS NOT NEW.outcome OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
        DELETE FROM contact_month_counts WHERE OLD.deleted_at IS NULL AND month = substr(OLD.contact_date, 1, 7)
          AND worker_key = coalesce(OLD.credited_worker_id, 0) AND method = OLD.method AND outcome = OLD.outcome AND n = 1;
        UPDATE contact_month_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND month = substr(OLD.contact_date, 1, 7)
          AND worker_key = coalesce(OLD.credited_worker_id, 0) AND method = OLD.method AND outcome = OLD.outcome;
        INSERT INTO contact_month_counts (month, worker_key, method, outcome, n)
          SELECT substr(NEW.contact_date, 1, 7), coalesce(NEW.credited_worker_id, 0), NEW.method, NEW.outcome, 1 WHERE NEW.deleted_at IS NULL
          ON CONFLICT (month, worker_key, method, outcome) DO UPDATE SET n = n + 1;
      END;
    `);
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get()) db.exec('ANALYZE orders;');
  },
};
