use std::time::{SystemTime, UNIX_EPOCH};

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

use super::util::function_kind;

/// Lambda's managed runtimes and the date (UTC) each is (or is scheduled to be) deprecated,
/// from the deprecation and supported-runtime tables of AWS's "Lambda runtimes" page. After
/// that date Lambda no longer patches the runtime; function creation and then updates are
/// blocked some weeks later.
pub(crate) const RUNTIME_DEPRECATION: &[(&str, (i64, u32, u32))] = &[
    ("nodejs", (2016, 10, 31)),
    ("nodejs4.3", (2020, 3, 5)),
    ("nodejs4.3-edge", (2019, 4, 30)),
    ("nodejs6.10", (2019, 8, 12)),
    ("nodejs8.10", (2020, 3, 6)),
    ("nodejs10.x", (2021, 7, 30)),
    ("nodejs12.x", (2023, 3, 31)),
    ("nodejs14.x", (2023, 12, 4)),
    ("nodejs16.x", (2024, 6, 12)),
    ("nodejs18.x", (2025, 9, 1)),
    ("nodejs20.x", (2026, 4, 30)),
    ("nodejs22.x", (2027, 4, 30)),
    ("nodejs24.x", (2028, 4, 30)),
    ("python2.7", (2021, 7, 15)),
    ("python3.6", (2022, 7, 18)),
    ("python3.7", (2023, 12, 4)),
    ("python3.8", (2024, 10, 14)),
    ("python3.9", (2025, 12, 15)),
    ("python3.10", (2026, 6, 30)),
    ("python3.11", (2026, 6, 30)),
    ("python3.12", (2028, 10, 31)),
    ("python3.13", (2029, 6, 30)),
    ("python3.14", (2029, 6, 30)),
    ("java8", (2024, 1, 8)),
    ("java8.al2", (2026, 6, 30)),
    ("java11", (2026, 6, 30)),
    ("java17", (2026, 6, 30)),
    ("java21", (2029, 6, 30)),
    ("java25", (2029, 6, 30)),
    ("dotnetcore1.0", (2019, 6, 27)),
    ("dotnetcore2.0", (2019, 5, 30)),
    ("dotnetcore2.1", (2022, 1, 5)),
    ("dotnetcore3.1", (2023, 4, 3)),
    ("dotnet5.0", (2022, 5, 10)),
    ("dotnet6", (2024, 12, 20)),
    ("dotnet7", (2024, 5, 14)),
    ("dotnet8", (2026, 11, 10)),
    ("dotnet10", (2028, 11, 14)),
    ("ruby2.5", (2021, 7, 30)),
    ("ruby2.7", (2023, 12, 7)),
    ("ruby3.2", (2026, 3, 31)),
    ("ruby3.3", (2027, 3, 31)),
    ("ruby3.4", (2028, 3, 31)),
    ("go1.x", (2024, 1, 8)),
    ("provided", (2024, 1, 8)),
    ("provided.al2", (2026, 6, 30)),
    ("provided.al2023", (2029, 6, 30)),
];

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` or SAM `AWS::Serverless::Function` whose `Runtime` is a Lambda
    /// managed runtime whose deprecation date has passed on the day of the scan. The dates come
    /// from the deprecated and supported runtime tables of AWS's "Lambda runtimes" page, for
    /// example `python3.8` (2024-10-14), `nodejs18.x` (2025-09-01), `python3.9` (2025-12-15),
    /// `nodejs20.x` (2026-04-30), `java8.al2`, `java11`, `java17`, `python3.10`,
    /// `python3.11` and `provided.al2` (2026-06-30), `dotnet8` (2026-11-10); runtimes with a
    /// date still to come pass until it arrives. Functions without `Runtime` (container images)
    /// and runtimes not in the table pass.
    ///
    /// checkov CKV_AWS_363 keeps a fixed list that its maintainers extend by hand (some entries
    /// commented out until their date); we compare each runtime's documented date with the
    /// current date, so a listed runtime is reported from its deprecation date on without
    /// waiting for a new release (runtimes AWS adds later need a table update).
    ///
    /// Layers (`AWS::Lambda::LayerVersion`, SAM `AWS::Serverless::LayerVersion`) are checked too:
    /// each deprecated runtime in `CompatibleRuntimes` is reported (checkov looks at functions
    /// only). A layer built for a runtime Lambda no longer patches ships code for it.
    ///
    /// ## Why it matters
    /// Once a runtime is deprecated, Lambda stops applying security patches to its language
    /// runtime and operating system, and the function loses technical support. Vulnerabilities
    /// found after that date stay in every function on it. Some weeks later Lambda blocks
    /// creating and then updating functions on the runtime, so an urgent fix cannot be
    /// deployed without a runtime upgrade at the worst moment.
    ///
    /// ## How to fix
    /// Move the function to a supported runtime of the same language and test it:
    /// ```yaml
    /// # before
    /// Worker:
    ///   Type: AWS::Lambda::Function
    ///   Properties:
    ///     Runtime: python3.8
    /// # after
    /// Worker:
    ///   Type: AWS::Lambda::Function
    ///   Properties:
    ///     Runtime: python3.13
    /// ```
    ///
    /// ## References
    /// - [Lambda runtimes](https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
    /// - [Runtime deprecation policy](https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html)
    /// - [AWS::Lambda::Function Runtime](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html)
    /// - checkov CKV_AWS_363
    ///
    /// ## Unknown values
    /// A `Runtime` that is not known before deployment (a parameter without a value) is
    /// reported at `info`; give the parameter a value (or `AllowedValues` and a `Default`) to
    /// have it checked.
    LambdaDeprecatedRuntime {
        code: "CFN8011",
        name: "lambda-function-deprecated-runtime",
        severity: Medium,
        group: "serverless",
        summary: "Lambda function uses a runtime that Lambda has deprecated (no more security patches)",
        types: [
            "AWS::Lambda::Function",
            "AWS::Serverless::Function",
            "AWS::Lambda::LayerVersion",
            "AWS::Serverless::LayerVersion",
        ],
        xrefs: [Checkov("CKV_AWS_363")],
    }
}

impl Rule for LambdaDeprecatedRuntime {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let layer = cx.resource.ty.ends_with("::LayerVersion");
        let key = if layer {
            "CompatibleRuntimes"
        } else {
            "Runtime"
        };
        let Some(value) = cx.prop(key) else {
            return;
        };
        if layer && is_unknown(value) {
            hits.unknown(value, "the layer targets a deprecated runtime");
            return;
        }
        let runtimes = if layer {
            crate::value::items(value)
        } else {
            vec![value]
        };
        for runtime in runtimes {
            let Some(name) = text(runtime) else {
                if is_unknown(runtime) {
                    hits.unknown(runtime, "the runtime is deprecated");
                }
                continue;
            };
            let Some(&(_, (y, m, d))) = RUNTIME_DEPRECATION.iter().find(|(r, _)| *r == name.trim())
            else {
                continue;
            };
            if today() >= days_from_civil(y, m, d) {
                let what = if layer {
                    "layer declares it runs on".to_string()
                } else {
                    format!("{} runs on", function_kind(cx))
                };
                hits.at(
                    runtime,
                    format!(
                        "{what} `{}`, which Lambda deprecated on {y:04}-{m:02}-{d:02} and no longer patches",
                        name.trim()
                    ),
                );
            }
        }
    }
}

/// Days since 1970-01-01 of the current UTC date.
fn today() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| {
        i64::try_from(d.as_secs() / 86_400).unwrap_or(i64::MAX)
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 10, 14), 20_010);
    }

    #[test]
    fn table_is_unique_and_dates_are_valid() {
        let mut seen = std::collections::BTreeSet::new();
        for (name, (y, m, d)) in RUNTIME_DEPRECATION {
            assert!(seen.insert(*name), "{name}");
            assert!((2016..2040).contains(y) && (1..=12).contains(m) && (1..=31).contains(d));
        }
    }

    #[test]
    fn the_clock_is_after_the_first_deprecations() {
        assert!(today() > days_from_civil(2024, 10, 14));
    }
}
