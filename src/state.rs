//! The widget's state: one reducer, pure and natively tested (`crate::query` answers the selection).
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

#[cfg(test)]
mod tests {
    use super::*;

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
