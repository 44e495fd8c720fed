//! Agreement of whole-reply verdicts with `pass` labels, and the threshold
//! that would agree best.
//!
//! Scores have one decimal, so a histogram of 1,001 buckets per label holds
//! everything the threshold search needs: memory stays flat however many
//! replies are read.

use super::metrics::Confusion;

/// Buckets of a score histogram: 0.0, 0.1, ..., 100.0.
const BUCKETS: usize = 1001;

/// The verdicts of the rubric on replies labelled `pass`, as they arrive.
#[derive(Debug, Clone)]
pub(crate) struct PassTally {
    /// The rubric's own verdicts against the labels.
    at_rubric: Confusion,
    /// `[label][score in tenths]`: replies not failed by a fatal criterion.
    scores: Vec<[u64; 2]>,
    /// `[label]`: replies a fatal criterion failed whatever the threshold.
    fatal: [u64; 2],
}

impl Default for PassTally {
    fn default() -> Self {
        PassTally {
            at_rubric: Confusion::default(),
            scores: vec![[0; 2]; BUCKETS],
            fatal: [0; 2],
        }
    }
}

/// The best whole-number threshold for a set of `pass` labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThresholdChoice {
    /// The threshold, 0–100: a reply passes when its score is at least this
    /// and no fatal criterion is violated.
    pub threshold: u32,
    /// The verdicts at that threshold against the labels (positive: pass).
    pub confusion: Confusion,
}

impl PassTally {
    /// Counts one reply: its score, whether a fatal criterion failed it, the
    /// rubric's verdict, and the label.
    pub(crate) fn add(&mut self, score: f64, fatal: bool, passed: bool, label: bool) {
        self.at_rubric.add(passed, label);
        let label = usize::from(label);
        let row = if fatal {
            Some(&mut self.fatal)
        } else {
            self.scores.get_mut(tenths(score))
        };
        if let Some(count) = row.and_then(|row| row.get_mut(label)) {
            *count += 1;
        }
    }

    /// The rubric's own verdicts against the labels.
    pub(crate) fn at_rubric(&self) -> Confusion {
        self.at_rubric
    }

    /// The verdicts a whole-number `threshold` would give, against the labels.
    pub(crate) fn at(&self, threshold: u32) -> Confusion {
        let cut = (threshold as usize * 10).min(BUCKETS);
        let mut confusion = Confusion::default();
        for (bucket, counts) in self.scores.iter().enumerate() {
            let (passes, fails) = (counts[1], counts[0]);
            if bucket >= cut {
                confusion.tp += passes;
                confusion.fp += fails;
            } else {
                confusion.fn_ += passes;
                confusion.tn += fails;
            }
        }
        confusion.fn_ += self.fatal[1];
        confusion.tn += self.fatal[0];
        confusion
    }

    /// The threshold in 0..=100 (step 1) with the highest Cohen's kappa; of
    /// equals, the one nearest `current`, then the lower. `None` when kappa is
    /// undefined at every threshold (no labels, or all labels the same and
    /// every threshold agreeing with them).
    pub(crate) fn best(&self, current: f64) -> Option<ThresholdChoice> {
        let mut best: Option<(f64, ThresholdChoice)> = None;
        for threshold in 0..=100 {
            let confusion = self.at(threshold);
            let Some(kappa) = confusion.kappa() else {
                continue;
            };
            let candidate = ThresholdChoice {
                threshold,
                confusion,
            };
            let better = match &best {
                None => true,
                Some((top, choice)) => {
                    kappa > *top
                        || (kappa == *top
                            && distance(threshold, current) < distance(choice.threshold, current))
                }
            };
            if better {
                best = Some((kappa, candidate));
            }
        }
        best.map(|(_, choice)| choice)
    }
}

/// A score of 0–100 with one decimal as a bucket index.
fn tenths(score: f64) -> usize {
    let bucket = (score * 10.0).round();
    if bucket.is_nan() || bucket < 0.0 {
        0
    } else {
        (bucket as usize).min(BUCKETS - 1)
    }
}

fn distance(threshold: u32, current: f64) -> f64 {
    (f64::from(threshold) - current).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(replies: &[(f64, bool, bool)], threshold: f64) -> PassTally {
        let mut tally = PassTally::default();
        for &(score, fatal, label) in replies {
            let passed = score >= threshold && !fatal;
            tally.add(score, fatal, passed, label);
        }
        tally
    }

    fn confusion(tp: u64, fp: u64, fn_: u64, tn: u64) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    #[test]
    fn confusion_at_a_threshold_counts_score_at_least_threshold_as_pass() {
        let t = tally(
            &[
                (60.0, false, true),
                (59.9, false, true),
                (80.0, false, false),
            ],
            60.0,
        );
        assert_eq!(t.at_rubric(), confusion(1, 1, 1, 0));
        assert_eq!(t.at(60), confusion(1, 1, 1, 0));
        assert_eq!(t.at(59), confusion(2, 1, 0, 0));
        assert_eq!(t.at(0), confusion(2, 1, 0, 0));
        assert_eq!(t.at(100), confusion(0, 0, 2, 1));
    }

    #[test]
    fn fatal_failures_fail_at_every_threshold() {
        let t = tally(&[(100.0, true, true), (90.0, true, false)], 60.0);
        assert_eq!(t.at(0), confusion(0, 0, 1, 1));
        assert_eq!(t.at_rubric(), confusion(0, 0, 1, 1));
    }

    #[test]
    fn best_threshold_separates_the_labels() {
        // Passes score 55 and 70, fails 30 and 50: any threshold in 51..=55
        // agrees perfectly; 55 is the nearest to the rubric's 60.
        let replies = [
            (55.0, false, true),
            (70.0, false, true),
            (30.0, false, false),
            (50.0, false, false),
        ];
        let best = tally(&replies, 60.0).best(60.0).unwrap();
        assert_eq!(best.threshold, 55);
        assert_eq!(best.confusion, confusion(2, 0, 0, 2));
        assert_eq!(tally(&replies, 60.0).best(0.0).unwrap().threshold, 51);
    }

    #[test]
    fn best_threshold_with_overlap_maximises_kappa() {
        // Scores (label): 20 (fail), 40 (pass), 45 (fail), 80 (pass).
        // At 41..=45: tp 1, fp 1, fn 1, tn 1, kappa 0. At 21..=40: tp 2,
        // fp 1, fn 0, tn 1: po 0.75, pe 0.75*0.5 + 0.25*0.5 = 0.5, kappa 0.5.
        // At 46..=80: tp 1, fp 0, fn 1, tn 2: kappa 0.5 too, and the rubric's
        // own 60 is among them, so it stays.
        let replies = [
            (20.0, false, false),
            (40.0, false, true),
            (45.0, false, false),
            (80.0, false, true),
        ];
        let best = tally(&replies, 60.0).best(60.0).unwrap();
        assert_eq!(
            (best.threshold, best.confusion),
            (60, confusion(1, 0, 1, 2))
        );
        let best = tally(&replies, 30.0).best(30.0).unwrap();
        assert_eq!(
            (best.threshold, best.confusion),
            (30, confusion(2, 1, 0, 1))
        );
    }

    #[test]
    fn no_best_threshold_without_labels() {
        assert_eq!(PassTally::default().best(60.0), None);
    }

    #[test]
    fn odd_scores_land_in_the_end_buckets() {
        assert_eq!(
            (tenths(-5.0), tenths(f64::NAN), tenths(250.0)),
            (0, 0, 1000)
        );
        assert_eq!(tenths(59.9), 599);
    }
}
