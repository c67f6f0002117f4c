//! The widget's components, one per file: `app` owns the state and the bundle fetch; the others render.

pub mod app;
pub mod article_card;
pub mod article_view;
pub mod document;
pub mod status;
pub mod tag_filters;

/// The reader's locale formatting of a bundle date (`2023-11-01` → "1 Nov 2023" for en-GB), by `Intl`.
pub fn format_date(date: &str) -> String {
    let Some((y, m, d)) = crate::format::ymd(date) else {
        return date.to_string();
    };
    let js_date = js_sys::Date::new_with_year_month_day(y, m as i32 - 1, d as i32);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
    format
        .format()
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &js_date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| date.to_string())
}
