//! Questions template and lint rules ask about one statement.
//!
//! Each `has_*` / `*_is_*` predicate has a `*_span` twin that returns where the offending value is,
//! so a rule can point at it. Unless its name says otherwise (`is_allow`, `grants_action`), a
//! query looks at the statement's elements only, not its effect: combine with
//! [`Statement::is_allow`]. Unknown values (unresolved intrinsics) never make a query true.

use palisade_core::Span;

use super::model::{Effect, PolicyString, PrincipalKind, PrincipalValue, Statement, ValueBlock};
use super::wildcard::{action_matches, has_wildcard};

impl Statement {
    /// Whether the effect is `Allow`.
    #[must_use]
    pub fn is_allow(&self) -> bool {
        self.effect.value == Effect::Allow
    }

    /// Whether the effect is `Deny`.
    #[must_use]
    pub fn is_deny(&self) -> bool {
        self.effect.value == Effect::Deny
    }

    /// The first `Action` value that matches every action of every service: `*` (or an
    /// equivalent such as `*:*`). `NotAction` is not considered.
    #[must_use]
    pub fn full_wildcard_action_span(&self) -> Option<Span> {
        positive(self.action.as_ref())?
            .known()
            .find(|(text, _)| is_full_wildcard_action(text))
            .map(|(_, span)| span)
    }

    /// Whether some `Action` value is `*` (see [`Self::full_wildcard_action_span`]).
    #[must_use]
    pub fn has_full_wildcard_action(&self) -> bool {
        self.full_wildcard_action_span().is_some()
    }

    /// The `Action` values of the form `service:*` (every action of one service, e.g. `iam:*`),
    /// as (service prefix, span). `*` alone is not included. `NotAction` is not considered.
    pub fn service_wildcard_actions(&self) -> impl Iterator<Item = (&str, Span)> {
        positive(self.action.as_ref())
            .into_iter()
            .flat_map(ValueBlock::known)
            .filter_map(|(text, span)| service_of_wildcard_action(text).map(|svc| (svc, span)))
    }

    /// The first `Action` value of the form `service:*`.
    #[must_use]
    pub fn service_wildcard_action_span(&self) -> Option<Span> {
        self.service_wildcard_actions().next().map(|(_, span)| span)
    }

    /// Whether some `Action` value is `service:*` (see [`Self::service_wildcard_actions`]).
    #[must_use]
    pub fn has_service_wildcard_action(&self) -> bool {
        self.service_wildcard_action_span().is_some()
    }

    /// The first `Resource` value that is `*`. `NotResource` is not considered.
    #[must_use]
    pub fn wildcard_resource_span(&self) -> Option<Span> {
        positive(self.resource.as_ref())?
            .known()
            .find(|(text, _)| is_all_stars(text))
            .map(|(_, span)| span)
    }

    /// Whether some `Resource` value is `*`.
    #[must_use]
    pub fn has_wildcard_resource(&self) -> bool {
        self.wildcard_resource_span().is_some()
    }

    /// Where `Principal` names everyone: the string `"*"`, or `"*"` under `AWS` (alone or in a
    /// list). `NotPrincipal` is not considered.
    #[must_use]
    pub fn wildcard_principal_span(&self) -> Option<Span> {
        let block = self.principal.as_ref().filter(|p| !p.negated)?;
        match &block.value {
            PrincipalValue::Wildcard => Some(block.span),
            PrincipalValue::Map(entries) => entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| e.values.iter())
                .find(|v| v.known() == Some("*"))
                .map(PolicyString::span),
            PrincipalValue::Unknown => None,
        }
    }

    /// Whether `Principal` names everyone (see [`Self::wildcard_principal_span`]).
    #[must_use]
    pub fn principal_is_wildcard(&self) -> bool {
        self.wildcard_principal_span().is_some()
    }

    /// Whether the statement's action element covers `action` (e.g. `iam:PassRole`), whatever
    /// its effect: an `Action` pattern matches it (wildcards and case-insensitivity as AWS
    /// applies them), or `NotAction` is present and none of its patterns does. Returns the span of
    /// the matching `Action` value, or of the `NotAction` value. With `NotAction`, an unknown value
    /// makes the answer unknown, hence `None`.
    #[must_use]
    pub fn action_match_span(&self, action: &str) -> Option<Span> {
        let block = self.action.as_ref()?;
        let mut matching = block.known().filter(|(p, _)| action_matches(p, action));
        if block.negated {
            let excluded = matching.next().is_some() || block.has_unknown();
            (!excluded).then_some(block.span)
        } else {
            matching.next().map(|(_, span)| span)
        }
    }

    /// Whether the action element covers `action` (see [`Self::action_match_span`]).
    #[must_use]
    pub fn matches_action(&self, action: &str) -> bool {
        self.action_match_span(action).is_some()
    }

    /// Whether this is an `Allow` statement whose action element covers `action`. Resource,
    /// principal and condition are not considered.
    #[must_use]
    pub fn grants_action(&self, action: &str) -> bool {
        self.is_allow() && self.matches_action(action)
    }

    /// Whether the statement has a non-empty `Condition` (an unresolved one counts).
    #[must_use]
    pub fn has_condition(&self) -> bool {
        self.condition.as_ref().is_some_and(|c| !c.is_empty())
    }

    /// Where the `Condition` value is, if the statement has a non-empty one.
    #[must_use]
    pub fn condition_span(&self) -> Option<Span> {
        self.condition
            .as_ref()
            .filter(|c| !c.is_empty())
            .map(|c| c.span)
    }

    /// The condition keys used, lowercased (AWS compares key names case-insensitively), without
    /// duplicates, in source order.
    #[must_use]
    pub fn condition_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        let entries = self
            .condition
            .iter()
            .flat_map(|c| c.clauses.iter())
            .flat_map(|clause| clause.entries.iter());
        for entry in entries {
            let key = entry.key.value.to_lowercase();
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }
}

/// The block if it is the positive form (`Action`, `Resource`).
fn positive(block: Option<&ValueBlock>) -> Option<&ValueBlock> {
    block.filter(|b| !b.negated)
}

/// Non-empty and only `*`.
fn is_all_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

/// `*`, `**`, `*:*`: matches every action of every service.
fn is_full_wildcard_action(s: &str) -> bool {
    match s.split_once(':') {
        None => is_all_stars(s),
        Some((service, name)) => is_all_stars(service) && is_all_stars(name),
    }
}

/// `svc` for `svc:*` (a literal service prefix, an all-star action name).
fn service_of_wildcard_action(s: &str) -> Option<&str> {
    let (service, name) = s.split_once(':')?;
    (!service.is_empty() && !has_wildcard(service) && is_all_stars(name)).then_some(service)
}
