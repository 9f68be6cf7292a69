-- The block hash of a deposit: the guardians sign it (EIP-712 DepositAttestation), so the verifier needs it and the
-- ledger keeps it with the deposit. Rows written before this migration have none.
ALTER TABLE ledger_deposits ADD COLUMN block_hash text CHECK (block_hash IS NULL OR block_hash ~ '^0x[0-9a-f]{64}$');
