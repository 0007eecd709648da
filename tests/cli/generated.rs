//! Tests for `generated` (being written).
