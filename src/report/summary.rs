//! The summary format: totals only, no row per reply, for a quick look at a
//! large run or a CI log.
//!
//! ```text
//! 3 replies: 1 passed, 2 failed, pass rate 33.3% (threshold 60)
//! score: mean 43.3, median 15.0, p10 15.0, min 15.0, max 100.0
//!
//! criterion              met  applicable  rate
//! acknowledges_feelings    1           3  33.3%
//! ...
//!
//! score histogram
//!   0-10    0
//!  10-20    2  ████████████████████████████████████████
//!  ...
//! 90-100    1  ████████████████████
//! ```
//!
//! * **pass rate** - passed over count, one decimal.
//! * **mean** - the mean score; **median** - the middle score (the mean of the
//!   two middle ones for an even count); **p10** - the 10th percentile by
//!   nearest rank: the score at position ⌈0.1 × count⌉ in ascending order, so
//!   at least 10% of the replies scored at most this. `n/a` with no replies.
//! * **criteria** - per criterion, how many replies met it among those it
//!   applied to, and the rate (`n/a` when it never applied).
//! * **histogram** - ten buckets of ten points, each holding scores from its
//!   lower bound up to but not including its upper one; the last also holds
//!   100. Bars scale so the fullest bucket has 40 blocks; a bucket that is not
//!   empty gets at least one.
//!
//! For reading, not parsing: the json format's `summary` carries the same
//! totals. Memory: this reporter keeps one score (8 bytes) per reply, for
//! the median and percentile; nothing else of a reply.

use std::io::{self, Write};

use super::{Reporter, RubricInfo, Summary};
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// Blocks in the fullest histogram bar.
const BAR_WIDTH: usize = 40;

/// Collects the scores, writes everything at the end.
#[derive(Debug)]
pub struct SummaryReporter<W> {
    out: W,
    threshold: f64,
    scores: Vec<f64>,
}

impl<W: Write> SummaryReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        SummaryReporter {
            out,
            threshold: 0.0,
            scores: Vec::new(),
        }
    }

    fn write_totals(&mut self, summary: &Summary) -> io::Result<()> {
        let (count, passed, failed) = (summary.count, summary.passed, summary.failed);
        let replies = if count == 1 { "reply" } else { "replies" };
        let rate = percent((count > 0).then(|| passed as f64 / count as f64));
        let threshold = self.threshold;
        writeln!(
            self.out,
            "{count} {replies}: {passed} passed, {failed} failed, pass rate {rate} (threshold {threshold})"
        )?;
        self.scores.sort_by(f64::total_cmp);
        let stats = match Stats::of(&self.scores, summary.mean_score) {
            Some(s) => format!(
                "mean {:.1}, median {:.1}, p10 {:.1}, min {:.1}, max {:.1}",
                s.mean, s.median, s.p10, s.min, s.max
            ),
            None => "n/a".to_string(),
        };
        writeln!(self.out, "score: {stats}")
    }

    fn write_criteria(&mut self, summary: &Summary) -> io::Result<()> {
        let width = summary
            .criteria
            .iter()
            .map(|t| t.id.chars().count())
            .chain(["criterion".len()])
            .max()
            .unwrap_or(0);
        writeln!(self.out)?;
        writeln!(self.out, "{:<width$}  met  applicable  rate", "criterion")?;
        for tally in &summary.criteria {
            let (id, met, applicable) = (&tally.id, tally.met, tally.applicable);
            let rate = percent(tally.met_rate());
            writeln!(self.out, "{id:<width$}  {met:>3}  {applicable:>10}  {rate}")?;
        }
        Ok(())
    }

    fn write_histogram(&mut self) -> io::Result<()> {
        let buckets = histogram(&self.scores);
        let fullest = buckets.iter().copied().max().unwrap_or(0);
        writeln!(self.out)?;
        writeln!(self.out, "score histogram")?;
        for (index, count) in buckets.into_iter().enumerate() {
            let range = format!("{}-{}", index * 10, index * 10 + 10);
            let bar = "█".repeat(bar_length(count, fullest));
            let line = format!("{range:>6}  {count:>3}  {bar}");
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for SummaryReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.threshold = rubric.threshold;
        Ok(())
    }

    fn reply(&mut self, _item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        self.scores.push(score.score);
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.write_totals(summary)?;
        self.write_criteria(summary)?;
        self.write_histogram()?;
        self.out.flush()
    }
}

/// Score statistics over a non-empty, ascending list.
#[derive(Debug, PartialEq)]
struct Stats {
    mean: f64,
    median: f64,
    p10: f64,
    min: f64,
    max: f64,
}

impl Stats {
    /// `None` for no scores; `sorted` must be ascending.
    fn of(sorted: &[f64], mean: f64) -> Option<Stats> {
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        let n = sorted.len();
        let upper = *sorted.get(n / 2)?;
        let median = if n % 2 == 1 {
            upper
        } else {
            (sorted.get(n / 2 - 1)? + upper) / 2.0
        };
        // Nearest rank: the ⌈0.1·n⌉-th smallest, 1-based (computed in integers).
        let rank = n.div_ceil(10).max(1);
        Some(Stats {
            mean,
            median,
            p10: *sorted.get(rank - 1)?,
            min,
            max,
        })
    }
}

/// Counts per ten-point bucket; 100 falls in the last.
fn histogram(scores: &[f64]) -> [usize; 10] {
    let mut buckets = [0; 10];
    for &score in scores {
        let index = (score / 10.0).floor().clamp(0.0, 9.0) as usize;
        if let Some(bucket) = buckets.get_mut(index) {
            *bucket += 1;
        }
    }
    buckets
}

/// Blocks for `count` when the fullest bucket holds `fullest`.
fn bar_length(count: usize, fullest: usize) -> usize {
    if count == 0 || fullest == 0 {
        return 0;
    }
    (count * BAR_WIDTH).div_ceil(fullest).min(BAR_WIDTH)
}

/// `33.3%`, or `n/a`.
fn percent(rate: Option<f64>) -> String {
    match rate {
        Some(rate) => format!("{:.1}%", super::round_to(rate * 100.0, 1)),
        None => "n/a".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    #[test]
    fn writes_totals_criteria_and_histogram() {
        let output = fixture::render(Format::Summary, ReportOptions::default());
        let full = "█".repeat(40);
        let expected = format!(
            "2 replies: 1 passed, 1 failed, pass rate 50.0% (threshold 70)\n\
             score: mean 45.0, median 45.0, p10 0.0, min 0.0, max 90.0\n\
             \n\
             criterion              met  applicable  rate\n\
             acknowledges_feelings    1           2  50.0%\n\
             offers_help              1           1  100.0%\n\
             avoids_aggression        1           2  50.0%\n\
             \n\
             score histogram\n\
             \x20 0-10    1  {full}\n\
             \x2010-20    0\n\
             \x2020-30    0\n\
             \x2030-40    0\n\
             \x2040-50    0\n\
             \x2050-60    0\n\
             \x2060-70    0\n\
             \x2070-80    0\n\
             \x2080-90    0\n\
             90-100    1  {full}\n"
        );
        assert_eq!(output, expected);
    }

    #[test]
    fn no_replies_is_all_n_a() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(Format::Summary, ReportOptions::default(), &rubric, &[]);
        assert!(output.starts_with(
            "0 replies: 0 passed, 0 failed, pass rate n/a (threshold 70)\nscore: n/a\n"
        ));
        assert!(output.contains("offers_help              0           0  n/a\n"));
        assert!(output.ends_with("90-100    0\n"));
    }

    #[test]
    fn median_and_p10_by_nearest_rank() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        let stats = Stats::of(&sorted, 10.5).unwrap();
        assert_eq!((stats.median, stats.p10), (10.5, 2.0));
        let stats = Stats::of(&[5.0, 7.0, 9.0], 7.0).unwrap();
        assert_eq!(
            (stats.median, stats.p10, stats.min, stats.max),
            (7.0, 5.0, 5.0, 9.0)
        );
        let eleven: Vec<f64> = (0..11).map(f64::from).collect();
        assert_eq!(Stats::of(&eleven, 5.0).unwrap().p10, 1.0, "rank ⌈1.1⌉ = 2");
        assert_eq!(Stats::of(&[], 0.0), None);
    }

    #[test]
    fn buckets_hold_their_lower_bound_and_100_goes_last() {
        let buckets = histogram(&[0.0, 9.9, 10.0, 69.9, 70.0, 99.9, 100.0]);
        assert_eq!(buckets, [2, 1, 0, 0, 0, 0, 1, 1, 0, 2]);
    }

    #[test]
    fn bars_scale_to_the_fullest_and_never_vanish() {
        assert_eq!(bar_length(0, 5), 0);
        assert_eq!(bar_length(5, 5), 40);
        assert_eq!(bar_length(1, 1000), 1);
        assert_eq!(bar_length(500, 1000), 20);
    }
}
