//! Tests for `ledger` (being written).
