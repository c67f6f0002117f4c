//! The widget's state: one reducer, and filtering through per-tag posting lists, pure and natively tested.
//!
//! Tag filters match **any** selected tag by default (a reader picking "israel" and "usa" wants stories about
//! either); the reader can switch to **all** (stories carrying every selected tag). The list always shows
//! which mode is on.

/// Cards in the DOM before "Show more".
pub const PAGE_SIZE: usize = 12;

/// How several selected tags combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// A story carrying at least one selected tag.
    #[default]
    Any,
    /// A story carrying every selected tag.
    All,
}

/// What the reader has chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Selected tags, in the order they were selected.
    pub selected: Vec<String>,
    /// How the selected tags combine.
    pub mode: MatchMode,
    /// How many matching cards are in the DOM.
    pub shown: usize,
    /// The id of the open article.
    pub open: Option<String>,
    /// Cards per page.
    pub page_size: usize,
}

impl Default for State {
    fn default() -> Self {
        Self::with(Vec::new(), PAGE_SIZE)
    }
}

/// Everything a reader can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Select a tag, or unselect it when selected.
    Toggle(String),
    /// Select only this tag (a tag clicked in an open article), closing the article.
    Only(String),
    /// Unselect every tag ("All").
    Clear,
    /// Change how selected tags combine.
    SetMode(MatchMode),
    /// Put the next page of cards in the DOM.
    ShowMore,
    /// Open an article by id.
    Open(String),
    /// Close the open article.
    Close,
    /// Take the selection and open article from the page URL (a shared link, back or forward).
    Restore {
        /// Selected tags.
        tags: Vec<String>,
        /// The open article's id.
        open: Option<String>,
    },
}

impl State {
    /// The state a widget starts in: `selected` tags and pages of `page_size`.
    pub fn with(selected: Vec<String>, page_size: usize) -> Self {
        Self {
            selected,
            mode: MatchMode::Any,
            shown: page_size,
            open: None,
            page_size,
        }
    }

    /// The state after `action`. Changing the filter shows the first page again.
    pub fn reduce(mut self, action: Action) -> Self {
        match action {
            Action::Toggle(tag) => {
                match self.selected.iter().position(|t| *t == tag) {
                    Some(i) => drop(self.selected.remove(i)),
                    None => self.selected.push(tag),
                }
                self.shown = self.page_size;
            }
            Action::Only(tag) => {
                self.selected = vec![tag];
                self.shown = self.page_size;
                self.open = None;
            }
            Action::Clear => {
                self.selected.clear();
                self.shown = self.page_size;
            }
            Action::SetMode(mode) => {
                self.mode = mode;
                self.shown = self.page_size;
            }
            Action::ShowMore => self.shown += self.page_size,
            Action::Open(id) => self.open = Some(id),
            Action::Close => self.open = None,
            Action::Restore { tags, open } => {
                if tags != self.selected {
                    self.shown = self.page_size;
                }
                self.selected = tags;
                self.open = open;
            }
        }
        self
    }
}

/// For each tag, the positions (in bundle order) of the cards that carry it. A filter reads the lists of the
/// selected tags only: its cost follows the number of matching stories, not the size of the bundle.
///
/// The lists are kept sorted by tag and found by binary search: a bundle has tens or hundreds of tags, and a hash
/// map of them would cost the wasm 0.5 KB of brotli for nothing a reader could notice.
#[derive(Debug, Clone, Default)]
pub struct Postings {
    lists: Vec<(String, Vec<u32>)>,
    len: u32,
}

impl Postings {
    /// Adds the next card, carrying `tags`.
    pub fn push(&mut self, tags: &[String]) {
        for tag in tags {
            match self.find(tag) {
                Ok(i) => {
                    let list = &mut self.lists[i].1;
                    if list.last() != Some(&self.len) {
                        list.push(self.len);
                    }
                }
                Err(i) => self.lists.insert(i, (tag.clone(), vec![self.len])),
            }
        }
        self.len += 1;
    }

    /// Where `tag`'s list is, or would be.
    fn find(&self, tag: &str) -> Result<usize, usize> {
        self.lists.binary_search_by(|(t, _)| t.as_str().cmp(tag))
    }

    /// How many cards have been added.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether no card has been added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The cards that pass `state`'s filter.
    pub fn matching(&self, state: &State) -> Matches {
        if state.selected.is_empty() {
            return Matches::Every(self.len as usize);
        }
        let none = Vec::new();
        let lists: Vec<&Vec<u32>> = state
            .selected
            .iter()
            .map(|t| self.find(t).map_or(&none, |i| &self.lists[i].1))
            .collect();
        let positions = match state.mode {
            _ if lists.len() == 1 => lists[0].clone(),
            MatchMode::Any => {
                // A bitset of the stories: one bit set per posting, then the set bits in order.
                let mut bits = vec![0u64; self.len.div_ceil(64) as usize];
                for &p in lists.iter().flat_map(|l| l.iter()) {
                    bits[p as usize / 64] |= 1 << (p % 64);
                }
                let mut union = Vec::new();
                for (i, &word) in bits.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        union.push(i as u32 * 64 + word.trailing_zeros());
                        word &= word - 1;
                    }
                }
                union
            }
            MatchMode::All => {
                // The shortest list's stories, kept if every other list has them (searched, not walked).
                let shortest = lists.iter().min_by_key(|l| l.len()).map_or(&none, |l| *l);
                let mut both = shortest.clone();
                for list in lists.iter().filter(|l| !std::ptr::eq(**l, shortest)) {
                    both.retain(|p| list.binary_search(p).is_ok());
                }
                both
            }
        };
        Matches::Some(positions)
    }
}

/// The cards that pass a filter, as positions in bundle order (newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matches {
    /// No filter: the first this many cards.
    Every(usize),
    /// These positions, ascending.
    Some(Vec<u32>),
}

impl Matches {
    /// How many cards match.
    pub fn len(&self) -> usize {
        match self {
            Self::Every(n) => *n,
            Self::Some(p) => p.len(),
        }
    }

    /// Whether no card matches.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first `n` matching positions.
    pub fn first(&self, n: usize) -> Vec<usize> {
        match self {
            Self::Every(all) => (0..n.min(*all)).collect(),
            Self::Some(p) => p.iter().take(n).map(|&i| i as usize).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(cards: &[&[&str]]) -> Postings {
        let mut postings = Postings::default();
        for tags in cards {
            postings.push(&tags.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        }
        postings
    }

    /// Stories a (israel, usa), b (usa), c (gaza): the positions that match `state`.
    fn matching(state: &State) -> Vec<usize> {
        let cards = postings(&[&["israel", "usa"], &["usa"], &["gaza"]]);
        let matches = cards.matching(state);
        matches.first(matches.len())
    }

    #[test]
    fn no_selection_shows_every_story() {
        assert_eq!(matching(&State::default()), [0, 1, 2]);
    }

    #[test]
    fn match_any_shows_stories_with_one_of_the_tags() {
        let s = State::default()
            .reduce(Action::Toggle("israel".into()))
            .reduce(Action::Toggle("gaza".into()));
        assert_eq!(matching(&s), [0, 2]);
    }

    #[test]
    fn match_all_shows_stories_with_every_tag() {
        let s = State::default()
            .reduce(Action::Toggle("israel".into()))
            .reduce(Action::Toggle("usa".into()))
            .reduce(Action::SetMode(MatchMode::All));
        assert_eq!(matching(&s), [0]);
    }

    #[test]
    fn a_tag_no_story_carries_matches_nothing() {
        let s = State::default().reduce(Action::Toggle("mars".into()));
        assert_eq!(matching(&s), Vec::<usize>::new());
        let s = s
            .reduce(Action::Toggle("usa".into()))
            .reduce(Action::SetMode(MatchMode::All));
        assert_eq!(matching(&s), Vec::<usize>::new());
    }

    #[test]
    fn posting_lists_agree_with_checking_every_story() {
        // 5,000 stories with up to four of eight tags each, chosen by a fixed pseudo-random sequence.
        let tags = ["a", "b", "c", "d", "e", "f", "g", "h"].map(String::from);
        let mut seed = 0x2545_f491_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let cards: Vec<Vec<String>> = (0..5_000)
            .map(|_| {
                (0..next() % 5)
                    .map(|_| tags[next() as usize % 8].clone())
                    .collect()
            })
            .collect();
        let mut postings = Postings::default();
        cards.iter().for_each(|c| postings.push(c));
        for selected in [
            &["a"][..],
            &["a", "b"],
            &["c", "d", "e"],
            &["h", "a", "g", "b"],
        ] {
            for mode in [MatchMode::Any, MatchMode::All] {
                let state = State {
                    selected: selected.iter().map(|t| t.to_string()).collect(),
                    mode,
                    ..State::default()
                };
                let has = |c: &Vec<String>, t: &String| c.contains(t);
                let expected: Vec<usize> = (0..cards.len())
                    .filter(|&i| match mode {
                        MatchMode::Any => state.selected.iter().any(|t| has(&cards[i], t)),
                        MatchMode::All => state.selected.iter().all(|t| has(&cards[i], t)),
                    })
                    .collect();
                let found = postings.matching(&state);
                assert_eq!(found.first(usize::MAX), expected, "{selected:?} {mode:?}");
                assert_eq!(found.len(), expected.len());
            }
        }
    }

    #[test]
    fn toggling_twice_unselects_and_all_clears() {
        let s = State::default().reduce(Action::Toggle("usa".into()));
        assert_eq!(
            s.clone().reduce(Action::Toggle("usa".into())).selected,
            Vec::<String>::new()
        );
        assert!(s.reduce(Action::Clear).selected.is_empty());
    }

    #[test]
    fn filtering_returns_to_the_first_page() {
        let s = State::default().reduce(Action::ShowMore);
        assert_eq!(s.shown, 2 * PAGE_SIZE);
        assert_eq!(s.reduce(Action::Toggle("usa".into())).shown, PAGE_SIZE);
    }

    #[test]
    fn a_tag_in_an_article_selects_only_it_and_closes_the_article() {
        let s = State::default()
            .reduce(Action::Toggle("usa".into()))
            .reduce(Action::Open("a".into()));
        let s = s.reduce(Action::Only("gaza".into()));
        assert_eq!((s.selected, s.open), (vec!["gaza".to_string()], None));
    }
}
