//! Short descriptions of a reply that several CI formats share: its name,
//! whether its source is a file, and a one-line verdict.

use std::fmt::Write as _;

use super::round_to;
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// The record's id (or `line <n>`), plus ` turn <t>` for a conversation message.
pub(super) fn reply_name(item: &ReplyItem) -> String {
    let mut name = match &item.id {
        Some(id) => id.clone(),
        None => format!("line {}", item.source.line),
    };
    if let Some(turn) = item.turn {
        let _ = write!(name, " turn {turn}");
    }
    name
}

/// `<stdin>` and `<text>`: sources that are not files.
pub(super) fn is_pseudo_path(path: &str) -> bool {
    path.starts_with('<') && path.ends_with('>')
}

/// `40.0 (threshold 70): unmet a, b; fatal: c`; just the score and threshold
/// when every applicable criterion was met.
pub(super) fn verdict(score: &ReplyScore, threshold: f64) -> String {
    let mut message = format!("{:.1} (threshold {threshold})", round_to(score.score, 1));
    let unmet: Vec<&str> = unmet(score).collect();
    if !unmet.is_empty() {
        let _ = write!(message, ": unmet {}", unmet.join(", "));
    }
    let fatal: Vec<&str> = score.fatal_violations().collect();
    if !fatal.is_empty() {
        let _ = write!(message, "; fatal: {}", fatal.join(", "));
    }
    message
}

/// Ids of the criteria that applied and were not met, in rubric order.
pub(super) fn unmet(score: &ReplyScore) -> impl Iterator<Item = &str> {
    score
        .criteria
        .iter()
        .filter(|c| c.applicable && !c.met)
        .map(|c| &*c.id)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn names_say_id_or_line_and_turn() {
        let item = fixture::item(Some("c"), "a.jsonl", 4, Some(3));
        assert_eq!(reply_name(&item), "c turn 3");
        let item = fixture::item(None, "a.jsonl", 4, None);
        assert_eq!(reply_name(&item), "line 4");
    }

    #[test]
    fn verdicts_list_unmet_and_fatal_criteria() {
        let replies = fixture::replies();
        assert_eq!(verdict(&replies[0].1, 70.0), "90.0 (threshold 70)");
        assert_eq!(
            verdict(&replies[1].1, 72.5),
            "0.0 (threshold 72.5): unmet acknowledges_feelings, avoids_aggression; fatal: avoids_aggression"
        );
    }

    #[test]
    fn only_angle_bracketed_names_are_pseudo_paths() {
        assert!(is_pseudo_path("<stdin>"));
        assert!(is_pseudo_path("<text>"));
        assert!(!is_pseudo_path("samples/a.jsonl"));
        assert!(!is_pseudo_path("<odd"));
    }
}
