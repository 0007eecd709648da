//! Tests for `export` (being written).
