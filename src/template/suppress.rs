//! Inline suppressions: `eqscore: ignore` and `eqscore: ignore[id, ...]`.
//!
//! The directive is found in any comment syntax, since only the words are
//! looked for: `# eqscore: ignore[offers_options]` in YAML and prompty,
//! `<!-- eqscore: ignore -->` in Markdown. It applies to the message whose
//! lines it sits on, or to the message starting on the next line.

/// Which criteria a suppression turns off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Ignore {
    /// None: every finding is reported.
    #[default]
    Nothing,
    /// These criteria (by id).
    Criteria(Vec<String>),
    /// Every criterion.
    All,
}

impl Ignore {
    /// Whether findings of criterion `id` are suppressed.
    pub fn covers(&self, id: &str) -> bool {
        match self {
            Ignore::Nothing => false,
            Ignore::Criteria(ids) => ids.iter().any(|i| i == id),
            Ignore::All => true,
        }
    }

    /// Adds what `other` suppresses.
    pub fn merge(&mut self, other: Ignore) {
        *self = match (std::mem::take(self), other) {
            (Ignore::All, _) | (_, Ignore::All) => Ignore::All,
            (Ignore::Nothing, x) | (x, Ignore::Nothing) => x,
            (Ignore::Criteria(mut a), Ignore::Criteria(b)) => {
                a.extend(b);
                Ignore::Criteria(a)
            }
        };
    }

    /// The directive in one line of text, if there is one.
    pub fn parse_directive(line: &str) -> Option<Ignore> {
        const MARK: &str = "eqscore: ignore";
        let (_, rest) = line.split_once(MARK)?;
        let Some(list) = rest.strip_prefix('[') else {
            return Some(Ignore::All);
        };
        let (list, _) = list.split_once(']')?;
        let ids = list
            .split(',')
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
            .collect();
        Some(Ignore::Criteria(ids))
    }
}

/// The suppressions written on the line before `start` or on any line the
/// message text (`offsets`) covers.
pub(super) fn comments(source: &str, start: usize, offsets: &[usize]) -> Ignore {
    let end = offsets.last().copied().unwrap_or(start).max(start);
    let from = line_start(source, line_start(source, start).saturating_sub(1));
    let to = source
        .get(end..)
        .and_then(|rest| rest.find('\n'))
        .map_or(source.len(), |i| end + i);
    let mut ignore = Ignore::Nothing;
    for line in source.get(from..to).unwrap_or_default().lines() {
        if let Some(found) = Ignore::parse_directive(line) {
            ignore.merge(found);
        }
    }
    ignore
}

fn line_start(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = source.get(..at).unwrap_or_default();
    before.rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_with_and_without_ids() {
        assert_eq!(
            Ignore::parse_directive("  # eqscore: ignore[offers_options, avoids_dismissal]"),
            Some(Ignore::Criteria(vec![
                "offers_options".into(),
                "avoids_dismissal".into()
            ]))
        );
        assert_eq!(
            Ignore::parse_directive("<!-- eqscore: ignore -->"),
            Some(Ignore::All)
        );
        assert_eq!(Ignore::parse_directive("# eqscore ignores"), None);
    }

    #[test]
    fn a_comment_two_lines_up_does_not_count() {
        let source = "# eqscore: ignore\n\n- role: assistant\n  content: Fine.\n";
        let start = source.find("role").unwrap();
        let text = source.find("Fine").unwrap();
        assert_eq!(comments(source, start, &[text, text + 5]), Ignore::Nothing);
        let source = "\n# eqscore: ignore\n- role: assistant\n  content: Fine.\n";
        let start = source.find("role").unwrap();
        let text = source.find("Fine").unwrap();
        assert_eq!(comments(source, start, &[text, text + 5]), Ignore::All);
    }
}
