//! Tests for `account` (being written).
