//! Tests for `status` (being written).
