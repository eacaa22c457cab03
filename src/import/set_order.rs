//! Scored sets crmsh cannot write (cluster options, resource and operation defaults), carried
//! as the order Pacemaker reads them in.
//!
//! Pacemaker reads an element's sets highest score first and, at equal scores, in reverse
//! document order (it collects them by prepending, then sorts stably); the set named like the
//! cluster options' `cib-bootstrap-options` comes before all. The first set read that gives a
//! name decides its value. A spec writes these sets without scores, its plain set first, so
//! writing them reversed from Pacemaker's reading order means the same.

use crate::model::Score;

/// Where the sets of one element go when written without scores.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Written {
    /// The document index of the plain set, which the spec writes first.
    pub plain: Option<usize>,
    /// The document indexes of the further sets, in the order to write them.
    pub further: Vec<usize>,
}

/// One set as the reordering sees it.
pub(super) struct SetKey {
    pub score: Option<Score>,
    /// Neither a rule nor a reference: it may be the element's plain set.
    pub plain_like: bool,
}

/// How to write `sets` (in document order) without their scores, or `None` when `first`, the
/// set read before all others, has a rule. The set read last is the plain one when it may be,
/// so that importing the built CIB again takes the same one.
pub(super) fn written(sets: &[SetKey], first: Option<usize>) -> Option<Written> {
    if first.is_some_and(|i| !sets[i].plain_like) {
        return None;
    }
    let mut read: Vec<(i64, usize)> = Vec::new();
    for (i, set) in sets.iter().enumerate().rev() {
        if Some(i) != first {
            read.push((value(set.score), i));
        }
    }
    // Stable: equal scores keep the reversed document order.
    read.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    let mut read: Vec<usize> = read.into_iter().map(|(_, i)| i).collect();
    // The plain set is written first, so Pacemaker reads it last, unless it is `first`.
    let plain = match first {
        Some(i) => Some(i),
        None => read.pop_if(|last| sets[*last].plain_like),
    };
    read.reverse();
    Some(Written {
        plain,
        further: read,
    })
}

/// A score as Pacemaker orders sets by it: unscored is 0, infinity is one million.
fn value(score: Option<Score>) -> i64 {
    match score {
        None => 0,
        Some(Score::Infinity) => 1_000_000,
        Some(Score::MinusInfinity) => -1_000_000,
        Some(Score::Value(v)) => v.clamp(-1_000_000, 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(scores: &[Option<i64>]) -> Vec<SetKey> {
        scores
            .iter()
            .map(|s| SetKey {
                score: s.map(Score::Value),
                plain_like: true,
            })
            .collect()
    }

    #[test]
    fn unscored_sets_keep_their_order() {
        let sets = keys(&[None, None, None]);
        assert_eq!(
            written(&sets, None),
            Some(Written {
                plain: Some(0),
                further: vec![1, 2]
            })
        );
    }

    #[test]
    fn higher_scores_are_written_later_and_so_read_first() {
        // Read: 1 (score 10), then 2 and 0 (0, the later first), then 3 (-5), which may be
        // the plain set.
        let sets = keys(&[None, Some(10), None, Some(-5)]);
        assert_eq!(
            written(&sets, None),
            Some(Written {
                plain: Some(3),
                further: vec![0, 2, 1]
            })
        );
        let mut ruled = keys(&[None, Some(10), None, Some(-5)]);
        ruled[3].plain_like = false;
        assert_eq!(
            written(&ruled, None),
            Some(Written {
                plain: None,
                further: vec![3, 0, 2, 1]
            })
        );
    }

    #[test]
    fn the_set_read_first_stays_plain_whatever_the_scores() {
        let sets = keys(&[Some(1), Some(5), None]);
        assert_eq!(
            written(&sets, Some(2)),
            Some(Written {
                plain: Some(2),
                further: vec![0, 1]
            })
        );
        let mut ruled = keys(&[None, Some(5)]);
        ruled[0].plain_like = false;
        assert_eq!(written(&ruled, Some(0)), None);
    }

    #[test]
    fn a_plain_set_read_last_stays_plain() {
        let sets = keys(&[Some(-1), Some(3)]);
        assert_eq!(
            written(&sets, None),
            Some(Written {
                plain: Some(0),
                further: vec![1]
            })
        );
    }
}
