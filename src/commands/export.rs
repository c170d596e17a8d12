//! `svcspec export --ocds`: an OCDS 1.1.5 release of a spec that checks clean ([`crate::ocds`]).
//! The release date and the ocid prefix come from options or the spec, never from the clock.

use crate::cli::ExportArgs;
use crate::commands::{CommandResult, Fault, Outcome, check_spec, emit, limits};
use crate::ocds::{midnight, release};
use crate::report::Style;

pub fn run(args: &ExportArgs, style: Style) -> CommandResult {
    let Some(prefix) = args.ocid_prefix.as_deref() else {
        return Err(Fault::usage(
            "an ocid needs the publisher's prefix registered with the Open Contracting Partnership: pass `--ocid-prefix ocds-xxxxxx`",
        ));
    };
    if prefix.is_empty()
        || !prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Fault::usage(format!(
            "`{prefix}` is not an ocid prefix: use ASCII letters, digits and `-`, e.g. `ocds-213czf`"
        )));
    }
    if let Some(date) = args.date.as_deref()
        && !is_release_date(date)
    {
        return Err(Fault::usage(format!(
            "`{date}` is not a release date: write it as `YYYY-MM-DDThh:mm:ssZ`, e.g. `2016-01-05T00:00:00Z`"
        )));
    }

    let limits = limits(&args.input.limits);
    let report = check_spec(&args.spec, args.input.config.as_deref(), &limits, style)?;
    let Some(spec) = report.spec.as_ref().filter(|_| !report.has_errors()) else {
        eprintln!("not exported: {} does not check clean", report.name);
        return Ok(Outcome::Content);
    };

    let date = match (&args.date, spec.contract.as_ref().and_then(|c| c.signed_on)) {
        (Some(date), _) => date.clone(),
        (None, Some(signed)) => midnight(signed),
        (None, None) => {
            return Err(Fault::usage(
                "the release needs a date: pass `--date YYYY-MM-DDThh:mm:ssZ`, or give the contract a `signed_on` date",
            ));
        }
    };
    let mut text = serde_json::to_string_pretty(&release(spec, prefix, &date)).unwrap_or_default();
    text.push('\n');
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Done)
}

/// Whether a text is a date-time exactly as `YYYY-MM-DDThh:mm:ssZ`.
fn is_release_date(text: &str) -> bool {
    text.len() == 20
        && text.ends_with('Z')
        && text.as_bytes().get(10) == Some(&b'T')
        && text[..19].parse::<jiff::civil::DateTime>().is_ok()
}
