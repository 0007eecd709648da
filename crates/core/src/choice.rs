//! Closed sets of named values — member types, payment methods, import kinds — that the
//! command line offers and the ledger and JSON spell the same way.
//!
//! The core cannot derive clap's `ValueEnum` (it has no clap); a [`Choice`] says the same
//! things — every value, its spelling, one line of help — and the command line turns it into
//! a value parser with possible values for `--help`, man pages and completions.

/// A closed set of values with one spelling each.
pub trait Choice: Sized + Copy + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];

    /// How the command line, the ledger and JSON spell it.
    fn name(self) -> &'static str;

    /// One line for `--help`.
    fn help(self) -> &'static str;

    /// The value spelled `text`, if any.
    fn from_name(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.name() == text)
    }
}

/// Declares a closed set of values the ledger stores and JSON shows by one spelling each
/// (a bill source, a payment kind): the enum with `Serialize`, `as_str`, `Display`, and
/// `FromStr`, by which the ledger reads it back (an unknown spelling is damage, not a default).
macro_rules! spelled {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// How the ledger, JSON and tables spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();

            fn from_str(text: &str) -> Result<$name, ()> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(()),
                }
            }
        }
    };
}
pub(crate) use spelled;
