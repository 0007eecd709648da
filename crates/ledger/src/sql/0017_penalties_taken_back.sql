-- Issue 14 (NCP paid before a penalty day): a late penalty P10 charged on a penalty day after
-- the instant NCP reports the bill paid up is taken back when NCP's paid-up state arrives.
-- The row stays (so P10 never charges that day again, and a read at an earlier --as-of still
-- sees it as it stood, T2); `withdrawn_at` is the instant it stopped counting.
ALTER TABLE penalties ADD COLUMN withdrawn_at TEXT;
-- What the member had already paid towards such a penalty becomes credit: a credit of kind
-- 'penalty' stands in the bill's penalties for what was paid on them (the bill stays
-- balanced), and, unapplied, pays the next amounts owed like any credit. Kind 'excess' is
-- the credit adjustments leave when they take a bill below 0.
ALTER TABLE credits ADD COLUMN kind TEXT NOT NULL DEFAULT 'excess' CHECK (kind IN ('excess', 'penalty'));
