//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `wrong`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (c, strsim::jaro_winkler(&wrong_lower, &c.to_lowercase())))
        .filter(|(c, score)| {
            *score >= 0.8
                || strsim::levenshtein(&wrong_lower, &c.to_lowercase())
                    <= (c.chars().count() / 3).max(1)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    /// Typos find their key; unrelated words find nothing.
    #[test]
    fn finds_close_names() {
        let keys = ["name", "id", "field", "site", "summary"];
        assert_eq!(did_you_mean("nmae", keys), Some("name"));
        assert_eq!(did_you_mean("sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("budget", keys), None);
    }
}
