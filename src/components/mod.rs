//! The widget's views, one per file: `app`, the one component, owns the state and the downloads; the others are
//! plain functions that render what they are given.
//!
//! Text goes into `html!` as a `String` (`{ card.title.clone() }`) or a `&'static str`, never as a `&String`:
//! Yew turns a `&String` into text through `Display`, and that one path brought the standard library's whole
//! formatter into the wasm (1 KB of brotli). The widget writes no `format!` for the same reason (`format::digits`
//! for numbers, `concat` for text).

pub mod app;
pub mod article_card;
pub mod article_view;
pub mod document;
pub mod status;
pub mod tag_filters;

/// The widget's language, handed as a property to each view that shows words or dates. A Yew context costs a
/// component of its own and a subscription in each view that reads it: dropping it, with the loading and failure
/// states made plain views, took 2.9 KB of brotli off the wasm.
#[derive(Clone)]
pub struct Lang {
    /// The words.
    pub words: &'static crate::i18n::Words,
    /// The `format` of the widget's date format ([`date_format`]).
    pub dates: Option<js_sys::Function>,
}

/// The name of a heading element of `level`, kept to the six HTML has.
pub fn h(level: u8) -> &'static str {
    ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(1, 6)) - 1]
}

/// A button's click that sends `value` (an [`Action`](crate::state::Action) of the reader, or a Retry's `()`):
/// every button of the widget shares this one closure, where a closure of each button's own cost its own code.
pub fn on_click<T: Clone + 'static>(
    send: &yew::Callback<T>,
    value: T,
) -> yew::Callback<yew::MouseEvent> {
    send.reform(move |_| value.clone())
}

/// An ARIA state (`aria-pressed`, `aria-busy`): written from a constant, not formatted.
pub fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A bundle date written by `dates` (a [`date_format`]): `2023-11-01` → "1 Nov 2023" for en-GB. As written when
/// it is not a date, or without a format.
pub fn format_date(date: &str, dates: Option<&js_sys::Function>) -> String {
    let (Some((y, m, d)), Some(dates)) = (crate::format::ymd(date), dates) else {
        return date.to_string();
    };
    let js_date = js_sys::Date::new_with_year_month_day(y, m as i32 - 1, d as i32);
    dates
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &js_date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, whose constructor throws on a locale it cannot read.
    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(
        locale: &wasm_bindgen::JsValue,
        options: &wasm_bindgen::JsValue,
    ) -> Result<DateTimeFormat, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn format(this: &DateTimeFormat) -> js_sys::Function;
}

/// The `format` function of a medium-date `Intl.DateTimeFormat` for `locale`, or for the reader's when there is
/// none or `Intl` cannot read it (`data-locale="fr-@@"` keeps its French words, and writes the reader's dates). A
/// widget makes one and keeps it: making one costs about a millisecond on a phone, and every card shows a date.
pub fn date_format(locale: Option<&str>) -> Option<js_sys::Function> {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let reader = wasm_bindgen::JsValue::UNDEFINED;
    let locale = locale.map_or(reader.clone(), wasm_bindgen::JsValue::from_str);
    let format =
        DateTimeFormat::new(&locale, &options).or_else(|_| DateTimeFormat::new(&reader, &options));
    format.ok().map(|f| f.format())
}
