//! The month, amount, instant and decimal parsers on arbitrary text: never a panic, and what
//! they accept prints back to something they accept again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ncp_usage_core::calendar::Month;
use ncp_usage_core::clock;
use ncp_usage_core::money::{parse_decimal, Krw};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = text.parse::<Month>() {
        assert_eq!(m.to_string().parse::<Month>().ok(), Some(m));
    }
    if let Ok(k) = Krw::parse_non_negative(text) {
        assert!(k.won() >= 0);
        assert_eq!(Krw::parse_non_negative(&k.to_string()).ok(), Some(k));
    }
    if let Ok(at) = clock::parse_as_of(text) {
        let again = clock::parse_as_of(&clock::rfc3339(at)).expect("an instant prints back");
        assert_eq!(clock::rfc3339(again), clock::rfc3339(at));
    }
    for scale in [0, 3, 4] {
        if let Some(d) = parse_decimal(text, scale) {
            assert!(
                d.normalize().scale() <= scale,
                "{text:?} at scale {scale}: {d}"
            );
            assert!(!d.is_sign_negative() || d.is_zero());
        }
    }
});
