-- 0003_transparency_log: the C2SP transparency log of issued PSAs (docs/transparency-log.md).
-- Runs unchanged on PostgreSQL 15+ and PGlite.

-- The log's one sequencing row: the next entry index. Sequencing takes a row lock here inside the transaction
-- that records the PSA as issued, so indexes are dense (no gap when a transaction rolls back) and in commit order.
CREATE TABLE tlog_sequence (
  id         smallint PRIMARY KEY CHECK (id = 1),
  next_index bigint   NOT NULL CHECK (next_index >= 0)
);
INSERT INTO tlog_sequence (id, next_index) VALUES (1, 0);

-- One entry per issued PSA: its DSSE envelope in RFC 8785 form (the log's leaf input). RFC 8785 output is UTF-8
-- text, so the column is text (the database is UTF8): its bytes are exactly the entry, and PGlite stores text much
-- faster than bytea (whose parameters travel hex-encoded). The RFC 9162 leaf hash SHA-256(0x00 || entry) is kept beside it, so that integration reads 32
-- bytes per entry instead of the envelope.
CREATE TABLE tlog_entries (
  idx        bigint PRIMARY KEY CHECK (idx >= 0),
  psa_id     uuid   NOT NULL UNIQUE REFERENCES psas (psa_id),
  entry      text   NOT NULL CHECK (octet_length(entry) BETWEEN 1 AND 65535),
  leaf_hash  bytea  NOT NULL CHECK (length(leaf_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Hash tiles (c2sp.org/tlog-tiles, height 8): hashes of tree level 8·level, 32 bytes each, concatenated.
-- A tile is rewritten while it grows (width < 256) and never changes once full.
CREATE TABLE tlog_tiles (
  level  smallint NOT NULL CHECK (level >= 0),
  idx    bigint   NOT NULL CHECK (idx >= 0),
  width  smallint NOT NULL CHECK (width BETWEEN 1 AND 256),
  hashes bytea    NOT NULL CHECK (length(hashes) = 32 * width),
  PRIMARY KEY (level, idx)
);

-- Every checkpoint the log published: the signed note (log signature plus witness cosignatures).
CREATE TABLE tlog_checkpoints (
  size        bigint PRIMARY KEY CHECK (size >= 0),
  root_hash   bytea  NOT NULL CHECK (length(root_hash) = 32),
  signed_note text   NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Embedded witnesses (the in-process validators): the last checkpoint each one cosigned.
CREATE TABLE tlog_witness_state (
  witness    text   PRIMARY KEY,
  size       bigint NOT NULL CHECK (size >= 0),
  root_hash  bytea  NOT NULL CHECK (length(root_hash) = 32),
  updated_at timestamptz NOT NULL DEFAULT now()
);
