/**
 * `@jil/shell-preclearance/testing` — internals that the end-to-end suites (tests/e2e) and the transparency-log
 * benchmark (scripts/bench-tlog.ts) reach below the service's API: the log's repository and the tile writer. Not
 * part of the shell's API (`.`), whose export snapshot is index.test.ts.
 */
export { appendToTiles, type TileWrite } from './log/appendToTiles.js';
export { storedTileHashReader, type StoredTileReader } from './log/TileHashes.js';
export { LogRepository } from './storage/LogRepository.js';
