//! The core's closed sets of values ([`Choice`]) as clap value parsers: the possible values
//! and their help, for `--help`, the man pages and the shell completions.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use ncp_usage_core::choice::Choice;

/// Parses one of `T`'s values by its name.
pub fn choice<T: Choice + Clone>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|v| PossibleValue::new(v.name()).help(v.help())),
    )
    .map(|name| T::from_name(&name).expect("clap accepts only the possible values"))
}
