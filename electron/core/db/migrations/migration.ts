import type { Db } from '../open-database';

export interface Migration {
  /** The `PRAGMA user_version` the database has after this migration. */
  version: number;
  name: string;
  up(db: Db): void;
}
