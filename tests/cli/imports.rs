//! Tests for `imports` (being written).
