use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::template::Resource;
use crate::value::{is_unknown, text};

use super::util::{engine, in_db_cluster, map_param, referenced, unknown_because, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` whose DB parameter group lets clients connect without TLS. The
    /// engine parameter that forces TLS is `rds.force_ssl` (`1`) for PostgreSQL and SQL Server,
    /// `require_secure_transport` (`ON`/`1`) for MySQL and MariaDB, and `db2comm` (`SSL`) for
    /// Db2. Their defaults depend on the engine version:
    ///
    /// | engine | parameter | default |
    /// | --- | --- | --- |
    /// | PostgreSQL 15 and later | `rds.force_ssl` | `1` (TLS required) |
    /// | PostgreSQL 14 and earlier, SQL Server | `rds.force_ssl` | `0` |
    /// | MySQL 8.4 and earlier | `require_secure_transport` | `OFF` |
    /// | MariaDB 11.4 and earlier | `require_secure_transport` | `OFF` |
    /// | MariaDB 11.8 and later | `require_secure_transport` | `ON` |
    /// | Db2 | `db2comm` | `TCPIP` |
    ///
    /// Which parameter group the instance uses decides what is checked:
    /// - an `AWS::RDS::DBParameterGroup` of this template (`DBParameterGroupName: !Ref Group`):
    ///   its `Family` selects the parameter, which must be set to the TLS value, or be absent
    ///   where the family's default already requires TLS;
    /// - no `DBParameterGroupName`, or a `default.<family>` group: the engine's default
    ///   parameter group applies, and the instance is reported when that default does not
    ///   require TLS (from `Engine` and `EngineVersion`; without `EngineVersion`, RDS picks its
    ///   default version, which requires TLS for PostgreSQL and not for MySQL);
    /// - a custom group this template does not define: reported at `info`.
    ///
    /// checkov's graph check looks only at a connected parameter group and passes instances on
    /// default parameter groups; this rule reports those too, since the default group of MySQL,
    /// older PostgreSQL and SQL Server accepts unencrypted connections and cannot be modified.
    /// checkov knows Db2 only as `db2-ae`; this rule also covers `db2-se`.
    ///
    /// Not checked: instances of a DB cluster (`DBClusterIdentifier` set, or an `aurora*`
    /// `Engine`), whose TLS setting is in the DB cluster parameter group, Oracle (TLS is an
    /// option group setting), and instances without `Engine` and parameter group.
    ///
    /// ## Why it matters
    /// When the server does not require TLS, any client that is misconfigured, or whose driver
    /// silently falls back, sends its password and all query results in the clear. Anyone able
    /// to observe or redirect traffic between the application and the database (a compromised
    /// host in the VPC, a peered network, a misrouted path) can read or alter them. Requiring TLS
    /// on the server turns that fallback into a refused connection.
    ///
    /// ## How to fix
    /// Attach a parameter group that forces TLS (default groups cannot be changed):
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: mysql
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    /// # after
    /// DbParams:
    ///   Type: AWS::RDS::DBParameterGroup
    ///   Properties:
    ///     Family: mysql8.0
    ///     Description: require TLS
    ///     Parameters:
    ///       require_secure_transport: "1"
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: mysql
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    ///     DBParameterGroupName: !Ref DbParams
    /// ```
    ///
    /// ## References
    /// - [Using SSL/TLS to encrypt a connection to a DB instance or cluster](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html)
    /// - [Requiring SSL/TLS for all connections to a MySQL DB instance](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html)
    /// - [Requiring SSL/TLS for all connections to a MariaDB DB instance](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html)
    /// - [Using SSL with a PostgreSQL DB instance](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html)
    /// - [Updating applications to connect to PostgreSQL DB instances using new SSL/TLS certificates](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/ssl-certificate-rotation-postgresql.html) (`rds.force_ssl` defaults by version)
    /// - [AWS::RDS::DBParameterGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbparametergroup.html)
    /// - checkov CKV2_AWS_69
    ///
    /// ## Unknown values
    /// Reported at `info`: an unresolved `DBParameterGroupName`, a parameter group this template
    /// does not define, an unresolved `Family` or TLS parameter of the group, an unresolved
    /// `Engine` or `EngineVersion` when the default group applies, and a MariaDB instance on the
    /// default group without `EngineVersion` (whether the default version requires TLS depends
    /// on the version RDS picks).
    RdsTlsNotRequired {
        code: "CFN8108",
        name: "rds-instance-tls-not-required",
        severity: Medium,
        group: "database",
        summary: "RDS DB instance's parameter group does not require TLS connections",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [Checkov("CKV2_AWS_69")],
    }
}

/// The engines whose parameter groups have a TLS switch.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Postgres,
    SqlServer,
    MySql,
    MariaDb,
    Db2,
}

impl Kind {
    /// The parameter that forces TLS, and its value when it does not.
    fn param(self) -> (&'static str, &'static str) {
        match self {
            Self::Postgres | Self::SqlServer => ("rds.force_ssl", "0"),
            Self::MySql | Self::MariaDb => ("require_secure_transport", "OFF"),
            Self::Db2 => ("db2comm", "TCPIP"),
        }
    }

    /// Whether the default of the parameter depends on the engine version.
    fn version_matters(self) -> bool {
        matches!(self, Self::Postgres | Self::MySql | Self::MariaDb)
    }

    /// Whether a parameter value forces TLS.
    fn forces(self, value: &str) -> bool {
        let v = value.trim();
        match self {
            Self::Db2 => v.eq_ignore_ascii_case("SSL"),
            _ => ["1", "on", "true"]
                .iter()
                .any(|t| v.eq_ignore_ascii_case(t)),
        }
    }

    /// Whether the parameter forces TLS by default for a version (`None`: the version RDS picks
    /// when none is given); `None` when that cannot be told.
    fn default_forces(self, version: Option<(u32, u32)>) -> Option<bool> {
        match (self, version) {
            (Self::Postgres, None) => Some(true),
            (Self::Postgres, Some((major, _))) => Some(major >= 15),
            (Self::MariaDb, None) => None,
            (Self::MariaDb, Some(v)) => Some(v >= (11, 8)),
            (Self::MySql, None) => Some(false),
            (Self::MySql, Some(v)) => Some(v >= (9, 7)),
            (Self::SqlServer | Self::Db2, _) => Some(false),
        }
    }
}

/// `14`, `8.0`, `10.11.6`: the major and minor version.
fn version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.trim().split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// The engine kind and version of a parameter group family (`postgres16`, `mysql8.0`,
/// `sqlserver-se-15.0`, `db2-ae-11.5`) or of an engine name and version.
fn kind_of(name: &str) -> Option<(Kind, &str)> {
    let name = name.trim();
    if name.starts_with("aurora") {
        return None;
    }
    let prefixes = [
        ("postgres", Kind::Postgres),
        ("mysql", Kind::MySql),
        ("mariadb", Kind::MariaDb),
    ];
    for (prefix, kind) in prefixes {
        if let Some(rest) = name.strip_prefix(prefix) {
            return Some((kind, rest));
        }
    }
    if name.starts_with("sqlserver") {
        return Some((Kind::SqlServer, ""));
    }
    name.starts_with("db2").then_some((Kind::Db2, ""))
}

/// A default parameter group, of the engine family `shown` (`postgres14`, `mysql 8.0.35`).
struct DefaultGroup<'a> {
    shown: String,
    kind: Kind,
    version: Option<(u32, u32)>,
    /// Where a finding goes: the `DBParameterGroupName` value, or the logical id when absent.
    at: Option<&'a Node>,
}

const QUESTION: &str = "the DB parameter group requires TLS";

/// A default parameter group: only the engine default decides.
fn check_default(cx: &ResourceCx<'_>, hits: &mut Hits, g: &DefaultGroup<'_>) {
    let (param, off) = g.kind.param();
    let message = match g.kind.default_forces(g.version) {
        Some(true) => return,
        Some(false) => format!(
            "DB instance accepts connections without TLS: the default parameter group of `{}` leaves `{param}` at `{off}`",
            g.shown
        ),
        None => {
            let at = match g.at {
                Some(n) => (n.span, None),
                None => (
                    cx.resource.id_span,
                    Some("Properties.DBParameterGroupName".into()),
                ),
            };
            let why = format!(
                "`{param}` defaults to `ON` only from MariaDB 11.8 and `EngineVersion` is not set"
            );
            unknown_because(hits, at, QUESTION, &why);
            return;
        }
    };
    match g.at {
        Some(n) => hits.at(n, message),
        None => hits.missing("DBParameterGroupName", message),
    }
}

/// A parameter group of this template.
fn check_template_group(cx: &ResourceCx<'_>, hits: &mut Hits, at: &Node, group: &Resource<'_>) {
    let id = group.logical_id;
    let Some(props) = group.properties.and_then(|p| cx.resolver.resolve(p)) else {
        return;
    };
    let Some(family) = props.get("Family") else {
        return;
    };
    let Some(name) = text(family).filter(|_| !is_unknown(family)) else {
        unknown_because(
            hits,
            (at.span, None),
            QUESTION,
            &format!("the `Family` of `{id}` is not known before deployment"),
        );
        return;
    };
    let Some((kind, rest)) = kind_of(&name) else {
        return;
    };
    let (param, off) = kind.param();
    match map_param(&props, param) {
        Known::Absent => {
            if kind.default_forces(version(rest)) != Some(true) {
                hits.at(
                    at,
                    format!(
                        "DB instance accepts connections without TLS: parameter group `{id}` (`{name}`) does not set `{param}` (default `{off}`)"
                    ),
                );
            }
        }
        Known::Unknown(_) => unknown_because(
            hits,
            (at.span, None),
            QUESTION,
            &format!("`{param}` of `{id}` is not known before deployment"),
        ),
        Known::Is(_, value) => {
            if !kind.forces(&value) {
                hits.at(
                    at,
                    format!(
                        "DB instance accepts connections without TLS: parameter group `{id}` sets `{param}` to `{value}`"
                    ),
                );
            }
        }
    }
}

impl Rule for RdsTlsNotRequired {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if in_db_cluster(cx) {
            return;
        }
        let Some(v) = cx.prop("DBParameterGroupName") else {
            let (e, kind) = match engine(cx) {
                Known::Absent => return,
                Known::Unknown(n) => {
                    hits.unknown(n, "the engine's default DB parameter group requires TLS");
                    return;
                }
                Known::Is(_, e) => match kind_of(&e) {
                    Some((kind, _)) => (e, kind),
                    None => return,
                },
            };
            let (shown, ver) = match cx.prop("EngineVersion") {
                None => (e, None),
                Some(n) if is_unknown(n) => {
                    if kind.version_matters() {
                        hits.unknown(n, QUESTION);
                        return;
                    }
                    (e, None)
                }
                Some(n) => {
                    let t = text(n).unwrap_or_default();
                    (format!("{e} {}", t.trim()), version(&t))
                }
            };
            let group = DefaultGroup {
                shown,
                kind,
                version: ver,
                at: None,
            };
            check_default(cx, hits, &group);
            return;
        };
        if let Some(group) = referenced(cx, v, "AWS::RDS::DBParameterGroup") {
            check_template_group(cx, hits, v, group);
            return;
        }
        if is_unknown(v) {
            hits.unknown(v, QUESTION);
            return;
        }
        let name = text(v).unwrap_or_default();
        let name = name.trim();
        match name.strip_prefix("default.") {
            Some(family) => {
                if let Some((kind, rest)) = kind_of(family) {
                    let group = DefaultGroup {
                        shown: family.to_string(),
                        kind,
                        version: version(rest),
                        at: Some(v),
                    };
                    check_default(cx, hits, &group);
                }
            }
            None => unknown_because(
                hits,
                (v.span, None),
                QUESTION,
                &format!("parameter group `{name}` is not defined in this template"),
            ),
        }
    }
}
