//! Agreement metrics of a 2×2 confusion matrix.
//!
//! "Positive" means the criterion fires (or, for whole replies, the reply
//! passes). Every ratio whose denominator is zero is undefined and returned
//! as `None`, never as a made-up 0 or 1: a criterion that never fired has no
//! precision, and a sample with no positive label has no recall.

/// Counts of agreement between the rubric (predicted) and a label (truth).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Fired, and the label says it should.
    pub tp: u64,
    /// Fired, but the label says it should not.
    pub fp: u64,
    /// Did not fire, but the label says it should.
    pub fn_: u64,
    /// Did not fire, and the label says it should not.
    pub tn: u64,
}

impl Confusion {
    /// Counts one judgement: what the rubric predicted against the label.
    pub fn add(&mut self, predicted: bool, label: bool) {
        match (predicted, label) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// How many judgements were counted.
    pub fn n(&self) -> u64 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// How many labels say "should fire": `tp + fn`.
    pub fn positives(&self) -> u64 {
        self.tp + self.fn_
    }

    /// How many times the rubric fired: `tp + fp`.
    pub fn fired(&self) -> u64 {
        self.tp + self.fp
    }

    /// `tp / (tp + fp)`; `None` when the rubric never fired.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.fired())
    }

    /// `tp / (tp + fn)`; `None` when no label is positive.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.positives())
    }

    /// `2tp / (2tp + fp + fn)`, the harmonic mean of precision and recall;
    /// `None` when there is neither a positive label nor a firing. It is 0,
    /// not `None`, when only one of precision and recall is undefined.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// `(tp + tn) / n`; `None` when `n` is 0.
    pub fn accuracy(&self) -> Option<f64> {
        ratio(self.tp + self.tn, self.n())
    }

    /// Cohen's kappa, `(po - pe) / (1 - pe)`: agreement beyond what chance
    /// gives with the same rates of firing and of positive labels. `None` when
    /// `pe` is 1 (`n` is 0, or the rubric and the labels both say the same one
    /// thing every time).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.n() as f64;
        let observed = self.accuracy()?;
        let fired = self.fired() as f64 / n;
        let positive = self.positives() as f64 / n;
        let chance = fired * positive + (1.0 - fired) * (1.0 - positive);
        if chance >= 1.0 {
            return None;
        }
        Some((observed - chance) / (1.0 - chance))
    }
}

/// `part / whole`, or `None` when `whole` is 0.
fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confusion(tp: u64, fp: u64, fn_: u64, tn: u64) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("defined");
        assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
    }

    #[test]
    fn add_counts_each_cell() {
        let mut c = Confusion::default();
        for (predicted, label) in [(true, true), (true, false), (false, true), (false, false)] {
            c.add(predicted, label);
        }
        c.add(true, true);
        assert_eq!(c, confusion(2, 1, 1, 1));
        assert_eq!((c.n(), c.positives(), c.fired()), (5, 3, 3));
    }

    #[test]
    fn hand_computed_matrix() {
        // tp 40, fp 10, fn 20, tn 30 (n 100):
        // precision 40/50, recall 40/60, F1 80/110, accuracy 70/100;
        // pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / 0.5 = 0.4.
        let c = confusion(40, 10, 20, 30);
        close(c.precision(), 0.8);
        close(c.recall(), 2.0 / 3.0);
        close(c.f1(), 8.0 / 11.0);
        close(c.accuracy(), 0.7);
        close(c.kappa(), 0.4);
    }

    #[test]
    fn kappa_of_a_skewed_matrix() {
        // tp 5, fp 5, fn 0, tn 90: po 0.95, pe = 0.1 * 0.05 + 0.9 * 0.95 = 0.86,
        // kappa = 0.09 / 0.14.
        let c = confusion(5, 5, 0, 90);
        close(c.kappa(), 0.09 / 0.14);
        close(c.recall(), 1.0);
        close(c.precision(), 0.5);
    }

    #[test]
    fn perfect_and_inverse_agreement() {
        close(confusion(3, 0, 0, 7).kappa(), 1.0);
        close(confusion(0, 5, 5, 0).kappa(), -1.0);
        close(confusion(0, 5, 5, 0).f1(), 0.0);
    }

    #[test]
    fn chance_agreement_is_zero_kappa() {
        // Always fires while half the labels are positive: po = pe = 0.5.
        close(confusion(5, 5, 0, 0).kappa(), 0.0);
    }

    #[test]
    fn zero_divisions_are_undefined() {
        let empty = Confusion::default();
        assert_eq!(
            (empty.precision(), empty.recall(), empty.f1()),
            (None, None, None)
        );
        assert_eq!((empty.accuracy(), empty.kappa()), (None, None));
        // Never fired: no precision; F1 is 0 because there were positives.
        let silent = confusion(0, 0, 4, 6);
        assert_eq!(silent.precision(), None);
        close(silent.recall(), 0.0);
        close(silent.f1(), 0.0);
        close(silent.kappa(), 0.0);
        // No positive label: no recall.
        let negatives = confusion(0, 2, 0, 8);
        assert_eq!(negatives.recall(), None);
        close(negatives.precision(), 0.0);
        // Rubric and labels constant and equal: pe = 1, kappa undefined.
        assert_eq!(confusion(0, 0, 0, 9).kappa(), None);
        assert_eq!(confusion(9, 0, 0, 0).kappa(), None);
        assert_eq!(confusion(0, 0, 0, 9).f1(), None);
    }
}
