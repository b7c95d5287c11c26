use crate::{Limits, Parsed};

pub(crate) fn parse(_text: &str, _limits: Limits) -> Parsed {
    Parsed::default()
}
