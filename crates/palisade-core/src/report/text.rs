//! text reporter (written next).

use std::io::{self, Write};

use super::ReportContext;

pub(super) fn write(_ctx: &ReportContext<'_>, _out: &mut dyn Write) -> io::Result<()> {
    Ok(())
}
