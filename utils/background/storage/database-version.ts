/**
 * The database's name and schema version: all that the pages' early script (early-connection.ts)
 * needs of the schema, kept apart so that script loads nothing else.
 */
export const DB_NAME = 'clearmark';
export const DB_VERSION = 9;
