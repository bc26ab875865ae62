/** The `plw` commands, one module per subject. Each prints for a person by default, JSON with --json, and exits non-zero on any problem. */
export { describeError, out, type CommandOptions } from './cli-session';
export { demo, info, init, lockCommand, recoverCommand, verify } from './database-commands';
export { accountCommand, passwd, rekey } from './account-commands';
export { chaseListCommand, importCommand, templateCommand, timers } from './case-commands';
export { mergeCommand, summaryCommand } from './report-commands';
export { backupCommand, restoreCommand } from './backup-commands';
export { serveCommand } from './serve-command';
