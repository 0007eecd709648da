-- T2 for what NCP tells: NCP's payment of a bill (its paid-up state) and NCP's own late
-- penalty are dated as NCP dates them (paid on `paidUpDate`, charged when NCP wrote the bill),
-- which is before the import that brought them. They are kept with the instant they were
-- recorded at, and a read at an earlier instant leaves them out: the ledger did not know them
-- yet. The ledger's own payments and P10's penalties keep '' ("as dated"): its rules made them
-- at their own instants.
ALTER TABLE payments ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
ALTER TABLE penalties ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';
