//! A reader's selection answered from posting-list chunks, pure and natively tested: what the answer needs that
//! has not been fetched yet, or the answer.
//!
//! A selection is terms joined by AND (one term per facet); a term is values joined by OR (or, for tags in "all"
//! mode, by AND). Chunks are asked for only where they can matter: the term with the fewest stories is read
//! first, and the other terms read only the chunks whose range of stories holds one of its stories.

use std::rc::Rc;

use tidings_bundle::{FacetValue, ListChunk};

/// A decoded chunk: story numbers, ascending.
pub type Stories = Rc<Vec<u32>>;

/// One facet's part of a selection.
#[derive(Debug, Clone)]
pub enum Term<'a> {
    /// Stories carrying any of these values (every one of them when `all`). Years will be runs of stories (display
    /// order is by date), read with no chunk at all.
    Lists {
        values: Vec<&'a FacetValue>,
        all: bool,
    },
}

impl Term<'_> {
    /// At most how many stories the term holds: the order in which terms are read.
    fn bound(&self) -> u64 {
        match self {
            Self::Lists { values, all: false } => values.iter().map(|v| u64::from(v.count)).sum(),
            Self::Lists { values, all: true } => {
                values.iter().map(|v| u64::from(v.count)).min().unwrap_or(0)
            }
        }
    }
}

/// The chunks to fetch before an answer can be given (their paths, each once).
pub type Missing = Vec<String>;

/// The stories of `value` in the chunks that can hold one of `among` (every chunk when `None`), or the chunks
/// still to fetch.
pub fn stories(
    value: &FacetValue,
    among: Option<&[u32]>,
    have: &dyn Fn(&str) -> Option<Stories>,
) -> Result<Vec<u32>, Missing> {
    let relevant = |c: &&ListChunk| match among {
        None => true,
        Some(among) => {
            let i = among.partition_point(|&n| n < c.1);
            among.get(i).is_some_and(|&n| n <= c.2)
        }
    };
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for chunk in value.chunks.iter().filter(relevant) {
        match have(&chunk.0) {
            Some(list) => out.extend_from_slice(&list),
            None => missing.push(chunk.0.clone()),
        }
    }
    match missing.is_empty() {
        true => Ok(out),
        false => Err(missing),
    }
}

/// The stories matching every term, ascending; `None` terms match every story (the caller counts them itself).
pub fn evaluate(
    terms: &[Term],
    have: &dyn Fn(&str) -> Option<Stories>,
) -> Result<Option<Vec<u32>>, Missing> {
    // The smallest term first, picked by hand: a term or three need no sorting code in every reader's download.
    let mut left: Vec<&Term> = terms.iter().collect();
    let mut found: Option<Vec<u32>> = None;
    while let Some(i) = (0..left.len()).min_by_key(|&i| left[i].bound()) {
        let term = left.swap_remove(i);
        let matched = match term {
            Term::Lists { values, all } => {
                let mut lists = Vec::with_capacity(values.len());
                let mut missing = Vec::new();
                for value in values {
                    match stories(value, found.as_deref(), have) {
                        Ok(list) => lists.push(list),
                        Err(m) => missing.extend(m),
                    }
                }
                if !missing.is_empty() {
                    return Err(missing);
                }
                let refs: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
                let term = match all {
                    false => tidings_bundle::postings::union(&refs),
                    true => refs.iter().skip(1).fold(
                        refs.first().map(|l| l.to_vec()).unwrap_or_default(),
                        |acc, l| tidings_bundle::postings::intersect(&acc, l),
                    ),
                };
                match found.take() {
                    Some(f) => tidings_bundle::postings::intersect(&f, &term),
                    None => term,
                }
            }
        };
        found = Some(matched);
    }
    Ok(found)
}

/// The first `n` stories of `value`'s list, from the chunks that hold them: a one-value selection's page needs
/// no more (its count is the value's own).
pub fn first(
    value: &FacetValue,
    n: usize,
    have: &dyn Fn(&str) -> Option<Stories>,
) -> Result<Vec<u32>, Missing> {
    let mut out = Vec::new();
    for chunk in &value.chunks {
        if out.len() >= n {
            break;
        }
        match have(&chunk.0) {
            Some(list) => out.extend(list.iter().take(n - out.len())),
            None => return Err(vec![chunk.0.clone()]),
        }
    }
    Ok(out)
}

/// Stories in `order` for display: newest first as numbered, or oldest first, the undated (numbers from
/// `dated` on) still last.
pub fn ordered(stories: &[u32], dated: u32, oldest: bool) -> Vec<u32> {
    if !oldest {
        return stories.to_vec();
    }
    let split = stories.partition_point(|&n| n < dated);
    stories[..split]
        .iter()
        .rev()
        .chain(&stories[split..])
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A value whose list is `stories`, in chunks of `per` stories named `<name>/<i>`.
    fn value(
        name: &str,
        stories: &[u32],
        per: usize,
        files: &mut HashMap<String, Stories>,
    ) -> FacetValue {
        let chunks = stories
            .chunks(per)
            .enumerate()
            .map(|(i, c)| {
                let path = format!("{name}/{i}");
                files.insert(path.clone(), Rc::new(c.to_vec()));
                ListChunk(path, c[0], c[c.len() - 1])
            })
            .collect();
        FacetValue {
            value: name.into(),
            count: stories.len() as u32,
            chunks,
        }
    }

    /// Evaluates, fetching what is asked for, round after round; the answer and every path fetched.
    fn answer(terms: &[Term], files: &HashMap<String, Stories>) -> (Option<Vec<u32>>, Vec<String>) {
        let mut fetched: HashMap<String, Stories> = HashMap::new();
        loop {
            let have = |p: &str| fetched.get(p).cloned();
            match evaluate(terms, &have) {
                Ok(found) => return (found, fetched.into_keys().collect()),
                Err(missing) => {
                    assert!(!missing.is_empty());
                    for path in missing {
                        assert!(!fetched.contains_key(&path), "{path} asked for twice");
                        fetched.insert(path.clone(), files[&path].clone());
                    }
                }
            }
        }
    }

    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn selections_agree_with_checking_every_story() {
        // 20,000 stories with up to four of ten tags and one of six outlets.
        let mut seed = 0x2545_f491_4f6c_dd1d;
        let n = 20_000u32;
        let stories: Vec<(Vec<usize>, usize)> = (0..n)
            .map(|_| {
                let tags = (0..next(&mut seed) % 5)
                    .map(|_| (next(&mut seed) % 10) as usize)
                    .collect();
                (tags, (next(&mut seed) % 6) as usize)
            })
            .collect();
        let mut files = HashMap::new();
        let list = |pick: &dyn Fn(&(Vec<usize>, usize)) -> bool| -> Vec<u32> {
            (0..n).filter(|&i| pick(&stories[i as usize])).collect()
        };
        let tags: Vec<FacetValue> = (0..10)
            .map(|t| {
                value(
                    &format!("t{t}"),
                    &list(&|s| s.0.contains(&t)),
                    256,
                    &mut files,
                )
            })
            .collect();
        let outlets: Vec<FacetValue> = (0..6)
            .map(|o| value(&format!("o{o}"), &list(&|s| s.1 == o), 256, &mut files))
            .collect();
        let cases: [(&[usize], bool, &[usize]); 6] = [
            (&[3], false, &[]),
            (&[3, 7], false, &[]),
            (&[3, 7], true, &[]),
            (&[1], false, &[2]),
            (&[1, 9], false, &[0, 5]),
            (&[1, 9], true, &[4]),
        ];
        for (t, all, o) in cases {
            let mut terms = Vec::new();
            if !t.is_empty() {
                terms.push(Term::Lists {
                    values: t.iter().map(|&i| &tags[i]).collect(),
                    all,
                });
            }
            if !o.is_empty() {
                terms.push(Term::Lists {
                    values: o.iter().map(|&i| &outlets[i]).collect(),
                    all: false,
                });
            }
            let expected = list(&|s| {
                let tag = |i: &usize| s.0.contains(i);
                let tags_ok = t.is_empty()
                    || if all {
                        t.iter().all(tag)
                    } else {
                        t.iter().any(tag)
                    };
                tags_ok && (o.is_empty() || o.contains(&s.1))
            });
            let (found, _) = answer(&terms, &files);
            assert_eq!(found.unwrap(), expected, "{t:?} {all} {o:?}");
        }
    }

    #[test]
    fn a_rare_value_and_a_common_one_read_only_the_chunks_they_share() {
        let mut files = HashMap::new();
        let common = value(
            "common",
            &(0..10_000).collect::<Vec<_>>(),
            1_000,
            &mut files,
        );
        let rare = value("rare", &[5, 9_500], 1_000, &mut files);
        let terms = [
            Term::Lists {
                values: vec![&common],
                all: false,
            },
            Term::Lists {
                values: vec![&rare],
                all: false,
            },
        ];
        let (found, mut fetched) = answer(&terms, &files);
        fetched.sort();
        assert_eq!(found.unwrap(), [5, 9_500]);
        assert_eq!(fetched, ["common/0", "common/9", "rare/0"]);
    }

    #[test]
    fn a_page_of_one_value_needs_only_its_first_chunks() {
        let mut files = HashMap::new();
        let tag = value(
            "t",
            &(0..5_000).map(|i| i * 3).collect::<Vec<_>>(),
            1_000,
            &mut files,
        );
        let have = |p: &str| (p == "t/0").then(|| files[p].clone());
        assert_eq!(
            first(&tag, 12, &have).unwrap(),
            (0..12).map(|i| i * 3).collect::<Vec<_>>()
        );
        assert_eq!(first(&tag, 1_200, &have), Err(vec!["t/1".to_string()]));
    }

    #[test]
    fn oldest_first_keeps_the_undated_last() {
        assert_eq!(ordered(&[0, 2, 5, 7, 8], 6, true), [5, 2, 0, 7, 8]);
        assert_eq!(ordered(&[0, 2, 5], 6, false), [0, 2, 5]);
    }
}
