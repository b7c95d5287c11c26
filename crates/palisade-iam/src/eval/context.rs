//! The request context: condition keys and their values. Key names are case-insensitive.

use std::collections::HashMap;

/// Condition keys of one request, each with one value or a set of values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    /// Lowercased key → (key as given, values, whether the key is multivalued).
    keys: HashMap<String, (String, Vec<String>, bool)>,
    /// Keys not in the context are unknown rather than absent.
    partial: bool,
}

impl RequestContext {
    /// An empty context.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Set a single-valued key.
    pub fn set(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        self.keys.insert(
            key.to_ascii_lowercase(),
            (key.to_string(), vec![value.into()], false),
        );
        self
    }

    /// Set a multivalued key (`aws:TagKeys`, `aws:CalledVia`, ...); an empty list means the key
    /// is present with no values, which conditions treat as absent.
    pub fn set_multi<I, S>(&mut self, key: &str, values: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.keys.insert(
            key.to_ascii_lowercase(),
            (
                key.to_string(),
                values.into_iter().map(Into::into).collect(),
                true,
            ),
        );
        self
    }

    /// Treat keys that are not in the context as *unknown* rather than absent: an `Allow`
    /// statement whose condition depends on an unknown key counts as matching (and is marked
    /// conditional), a `Deny` statement as not matching. Evaluation then answers "could this be
    /// allowed?", which is how `who-can` finds grants that hold only under conditions.
    pub fn set_partial(&mut self, partial: bool) -> &mut Self {
        self.partial = partial;
        self
    }

    /// Whether the context is partial (see [`RequestContext::set_partial`]).
    #[must_use]
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Remove a key.
    pub fn remove(&mut self, key: &str) {
        self.keys.remove(&key.to_ascii_lowercase());
    }

    /// The values of a key, if present.
    #[must_use]
    pub fn values(&self, key: &str) -> Option<&[String]> {
        self.keys
            .get(&key.to_ascii_lowercase())
            .map(|(_, v, _)| v.as_slice())
    }

    /// The value of a single-valued key (what a policy variable `${key}` stands for); `None`
    /// when the key is absent or multivalued.
    #[must_use]
    pub fn variable(&self, key: &str) -> Option<String> {
        match self.keys.get(&key.to_ascii_lowercase()) {
            Some((_, values, false)) => values.first().cloned(),
            _ => None,
        }
    }

    /// Every key as given, with its values, sorted by key.
    #[must_use]
    pub fn entries(&self) -> Vec<(&str, &[String])> {
        let mut out: Vec<(&str, &[String])> = self
            .keys
            .values()
            .map(|(k, v, _)| (k.as_str(), v.as_slice()))
            .collect();
        out.sort_by_key(|(k, _)| k.to_ascii_lowercase());
        out
    }
}
