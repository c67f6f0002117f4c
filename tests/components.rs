//! Component tests in headless Chromium: mount the widget, let the scheduler run, click, and assert on the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use tidings_widget::components::app::{App, AppProps};
use tidings_widget::config::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const BUNDLE: &str = r#"{"schema_version":3,"total":3,"cards":{"len":0,"pages":[]},"outlets":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},"years":[],"slugs":{"len":0,"pages":[]},
 "tags":{"top":[{"value":"usa","count":2,"chunks":[]},{"value":"israel","count":1,"chunks":[]},{"value":"gaza","count":1,"chunks":[]}],"values":3,"buckets":{"len":0,"pages":[]}},
 "articles":[
  {"id":"a","slug":"a","title":"Story A","date":"2023-11-02","tags":["israel","usa"],
   "sources":[{"url":"https://www.cnn.com/x","host":"www.cnn.com","outlet":"CNN"},{"url":"https://www.npr.org/y","host":"www.npr.org","outlet":"NPR"}],
   "excerpt":"About A.","reading_minutes":2,"body":"articles/x.json"},
  {"id":"b","slug":"b","title":"Story B","date":"2023-11-01","tags":["usa"],"sources":[],"excerpt":"About B.","reading_minutes":1,"body":"articles/x.json"},
  {"id":"c","slug":"c","title":"Story C","tags":["gaza"],"sources":[],"excerpt":"","reading_minutes":1,"body":"articles/x.json"}]}"#;

fn data_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        String::from(js_sys::encode_uri_component(json))
    )
}

fn mount(bundle: String) -> Element {
    mount_with(bundle, Config::default())
}

fn mount_with(bundle: String, config: Config) -> Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            bundle: bundle.into(),
            config: std::rc::Rc::new(config),
            onevent: Default::default(),
        },
    )
    .render();
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits until `selector` matches inside `root` (the fetch and Yew's scheduler run in between).
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Ok(Some(el)) = root.query_selector(selector) {
            return el;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("`{selector}` never appeared in {}", root.outer_html());
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn click(root: &Element, selector: &str, text: &str) {
    let list = root.query_selector_all(selector).unwrap();
    let el = (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .find(|e| e.text_content().unwrap_or_default().starts_with(text))
        .unwrap_or_else(|| panic!("no {selector} starting {text:?}"));
    el.click();
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

#[wasm_bindgen_test]
async fn shows_cards_newest_first_with_outlets_and_count() {
    // (The loading placeholders are checked end to end, where the bundle's response can be held back.)
    let root = mount(data_url(BUNDLE));
    wait_for(&root, ".tidings-card-title").await;
    assert_eq!(
        texts(&root, ".tidings-card-title"),
        ["Story A", "Story B", "Story C"]
    );
    assert_eq!(texts(&root, ".tidings-outlets")[0], "CNN · NPR");
    assert_eq!(texts(&root, "[role=status]"), ["3 stories"]);
    // Story B has a date and no sources: its meta line is the date alone, no separator after it.
    use tidings_widget::components::{date_format, format_date};
    let date = |d| format_date(d, date_format(None).as_ref());
    let meta = texts(&root, ".tidings-meta");
    assert_eq!(
        meta[0],
        [date("2023-11-02").as_str(), " · CNN · NPR"].concat()
    );
    assert_eq!(meta[1], date("2023-11-01"));
}

#[wasm_bindgen_test]
async fn a_locale_intl_cannot_read_keeps_its_words_and_writes_the_readers_dates() {
    let (config, _) = Config::read(|name| (name == "data-locale").then(|| "fr-@@".to_string()));
    let root = mount_with(data_url(BUNDLE), config);
    wait_for(&root, ".tidings-card-title").await;
    assert_eq!(texts(&root, "[role=status]"), ["3 articles"]);
    assert!(!texts(&root, "time")[0].is_empty());
}

// Filtering fetches a tag's list chunks beside the bundle: it is tested end to end against a real server
// (tests/e2e/corpus.spec.ts and scale.spec.ts), where those files exist.

#[wasm_bindgen_test]
async fn an_http_error_shows_the_status_and_a_retry() {
    let window = web_sys::window().unwrap();
    let url = format!(
        "{}/this-bundle-does-not-exist.json",
        window.location().origin().unwrap()
    );
    let fetches = || {
        window
            .performance()
            .unwrap()
            .get_entries_by_name(&url)
            .length()
    };
    let root = mount(url.clone());
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(
        alert.text_content().unwrap().contains("HTTP 404"),
        "{}",
        alert.outer_html()
    );
    // The resource timing entry is queued when the response ends, which may be after the error shows.
    for _ in 0..200 {
        if fetches() >= 1 {
            break;
        }
        settle().await;
    }
    assert_eq!(fetches(), 1);
    click(&root, "[role=alert] button", "Retry");
    for _ in 0..200 {
        if fetches() == 2 && root.query_selector("[role=alert]").unwrap().is_some() {
            break;
        }
        settle().await;
    }
    assert_eq!(fetches(), 2, "Retry fetches the bundle again");
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(
        alert.text_content().unwrap().contains("HTTP 404"),
        "and reports the failure again"
    );
}

#[wasm_bindgen_test]
async fn a_bundle_of_another_version_asks_for_a_rebuild() {
    let root = mount(data_url(r#"{"schema_version":99,"total":0,"articles":[]}"#));
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(alert.text_content().unwrap().contains("rebuild the bundle"));
}

#[wasm_bindgen_test]
async fn an_unreadable_bundle_says_so() {
    let root = mount(data_url(r#"{"schema_version":3,"tags":"#));
    let alert = wait_for(&root, "[role=alert]").await;
    assert!(
        alert.text_content().unwrap().contains("could not be read"),
        "{}",
        alert.outer_html()
    );
}

/// Stands in for the page's download of `href` (embed/prefetch.js): `text` when it arrived in full, and the
/// response, which resolves with `body` once `release` is called. Returns `release`.
fn hand_over(href: &str, text: Option<&str>, body: &str) -> js_sys::Function {
    let install = js_sys::Function::new_with_args(
        "href, text, body",
        r#"let release;
        const response = new Promise((resolve) => (release = () => resolve(new Response(body))));
        globalThis.tidingsPrefetched = {
          take(h) {
            if (h !== href) return undefined;
            delete globalThis.tidingsPrefetched;
            return text === undefined ? { response, controller: new AbortController() } : { response, controller: new AbortController(), text };
          },
        };
        return release;"#,
    );
    let text = text.map_or(wasm_bindgen::JsValue::UNDEFINED, Into::into);
    install
        .call3(
            &wasm_bindgen::JsValue::NULL,
            &href.into(),
            &text,
            &body.into(),
        )
        .unwrap()
        .unchecked_into()
}

/// One turn of the microtask queue: Yew's first render, queued at mount, has run.
async fn microtask() {
    let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(resolved)
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_bundle_the_page_already_downloaded_is_in_the_first_render() {
    // Nothing is served at this address: the stories can only come from the page's download.
    let release = hand_over("nowhere/first.json", Some(BUNDLE), BUNDLE);
    let root = mount("nowhere/first.json".into());
    microtask().await;
    assert_eq!(
        texts(&root, ".tidings-card h3"),
        ["Story A", "Story B", "Story C"]
    );
    assert!(root
        .query_selector(".tidings-placeholder")
        .unwrap()
        .is_none());
    release.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    settle().await;
    assert_eq!(texts(&root, "[role=status]"), ["3 stories"]);
}

#[wasm_bindgen_test]
async fn a_download_of_the_page_still_on_its_way_is_awaited_not_repeated() {
    let release = hand_over("nowhere/pending.json", None, BUNDLE);
    let root = mount("nowhere/pending.json".into());
    wait_for(&root, ".tidings-placeholder").await;
    release.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    wait_for(&root, ".tidings-card h3").await;
    assert_eq!(
        texts(&root, ".tidings-card h3"),
        ["Story A", "Story B", "Story C"]
    );
}

#[wasm_bindgen_test]
async fn a_bad_bundle_from_the_page_fails_at_once_and_retry_downloads_it_again() {
    let url = data_url(BUNDLE);
    let old = r#"{"schema_version":99,"total":0,"articles":[]}"#;
    hand_over(&url, Some(old), old);
    let root = mount(url);
    microtask().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("the failure, in the first render");
    assert!(alert.text_content().unwrap().contains("rebuild the bundle"));
    click(&root, "[role=alert] button", "Retry");
    wait_for(&root, ".tidings-card h3").await;
    assert_eq!(
        texts(&root, ".tidings-card h3"),
        ["Story A", "Story B", "Story C"]
    );
}

#[wasm_bindgen_test]
fn dates_are_written_in_the_widgets_locale() {
    use tidings_widget::components::{date_format, format_date};
    let (fr, gb) = (date_format(Some("fr")), date_format(Some("en-GB")));
    assert_eq!(format_date("2023-11-01", fr.as_ref()), "1 nov. 2023");
    assert_eq!(format_date("2023-11-01", gb.as_ref()), "1 Nov 2023");
    assert_eq!(format_date("2023-11-02", fr.as_ref()), "2 nov. 2023");
    // Not a date: shown as written.
    assert_eq!(format_date("soon", fr.as_ref()), "soon");
    // A locale `Intl` cannot read: the reader's format (this browser's), not a widget that stops.
    let unreadable = date_format(Some("fr-@@"));
    assert_eq!(
        format_date("2023-11-01", unreadable.as_ref()),
        format_date("2023-11-01", date_format(None).as_ref())
    );
}

#[wasm_bindgen_test]
async fn a_story_in_another_language_marks_its_own_text_with_it() {
    let bundle = r#"{"schema_version":3,"total":2,"cards":{"len":0,"pages":[]},"outlets":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},"years":[],"slugs":{"len":0,"pages":[]},"tags":{"top":[{"value":"gaza","count":2,"chunks":[]}],"values":1,"buckets":{"len":0,"pages":[]}},
     "articles":[
      {"id":"ar","slug":"ar","title":"عنوان القصة","lang":"ar","tags":["gaza"],"sources":[],"excerpt":"ملخص القصة.","reading_minutes":1,"body":"articles/x.json"},
      {"id":"en","slug":"en","title":"Story","tags":["gaza"],"sources":[],"excerpt":"About it.","reading_minutes":1,"body":"articles/x.json"}]}"#;
    let root = mount(data_url(bundle));
    wait_for(&root, ".tidings-card-title").await;
    let attrs = |selector: &str| {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| {
                let el: Element = list.item(i).unwrap().dyn_into().unwrap();
                (el.get_attribute("lang"), el.get_attribute("dir"))
            })
            .collect::<Vec<_>>()
    };
    let arabic = (Some("ar".to_string()), Some("auto".to_string()));
    // The title and the excerpt are the story's; the date, outlets, tags and reading time are the widget's.
    assert_eq!(attrs(".tidings-card-title"), [arabic.clone(), (None, None)]);
    assert_eq!(attrs(".tidings-excerpt"), [arabic.clone(), (None, None)]);
    assert_eq!(attrs(".tidings-foot"), [(None, None), (None, None)]);
    click(&root, ".tidings-open", "عنوان");
    wait_for(&root, ".tidings-article").await;
    assert_eq!(
        attrs("#tidings-article-title"),
        std::slice::from_ref(&arabic)
    );
    assert_eq!(attrs(".tidings-body"), [arabic]);
    assert_eq!(attrs(".tidings-back"), [(None, None)]);
}

#[wasm_bindgen_test]
async fn a_byline_on_the_card_and_the_article_and_a_link_to_the_original() {
    let bundle = r#"{"schema_version":3,"total":1,"cards":{"len":0,"pages":[]},"outlets":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},"years":[],"slugs":{"len":0,"pages":[]},"tags":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},
     "articles":[
      {"id":"a","slug":"a","title":"Story","tags":[],"sources":[],"excerpt":"About it.","reading_minutes":1,
       "authors":["Ana Ruiz","Li Wei"],"canonical":"https://news.example/2020/10/12/story/","body":"articles/x.json"}]}"#;
    let root = mount(data_url(bundle));
    wait_for(&root, ".tidings-card-title").await;
    assert_eq!(texts(&root, ".tidings-byline"), ["By Ana Ruiz, Li Wei"]);
    click(&root, ".tidings-open", "Story");
    let original = wait_for(&root, ".tidings-original a").await;
    assert_eq!(
        original.get_attribute("href").as_deref(),
        Some("https://news.example/2020/10/12/story/")
    );
    assert_eq!(
        original.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        texts(&root, ".tidings-article .tidings-byline"),
        ["By Ana Ruiz, Li Wei"]
    );
}

#[wasm_bindgen_test]
async fn the_bundles_title_and_language_apply_unless_the_page_sets_its_own() {
    let bundle = r#"{"schema_version":3,"total":0,"cards":{"len":0,"pages":[]},"outlets":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},"years":[],"slugs":{"len":0,"pages":[]},"tags":{"top":[],"values":0,"buckets":{"len":0,"pages":[]}},"articles":[],
     "title":"Le Quotidien","lang":"fr"}"#;
    let root = mount(data_url(bundle));
    wait_for(&root, ".tidings-count").await;
    settle().await;
    assert_eq!(texts(&root, ".tidings-heading"), ["Le Quotidien"]);
    let section = root.query_selector("section").unwrap().unwrap();
    assert_eq!(section.get_attribute("lang").as_deref(), Some("fr"));
    // The page's own settings win.
    let (config, _) = Config::read(|name| match name {
        "data-title" => Some("Our news".into()),
        "data-locale" => Some("en".into()),
        _ => None,
    });
    let root = mount_with(data_url(bundle), config);
    wait_for(&root, ".tidings-count").await;
    settle().await;
    assert_eq!(texts(&root, ".tidings-heading"), ["Our news"]);
    let section = root.query_selector("section").unwrap().unwrap();
    assert_eq!(section.get_attribute("lang").as_deref(), Some("en"));
}
