// Tidings embed loader. A host page writes:
//   <div data-tidings data-bundle="https://cdn.example/news/bundle.json"></div>
//   <script type="module" src="https://cdn.example/tidings/tidings.js"></script>
// or, the same attributes on a custom element: <tidings-news data-bundle="…"></tidings-news>.
// Every such element, now or added later, gets its own widget in an open shadow root, started when it nears the
// viewport, and freed (wasm memory included) when it is removed. Assets are found relative to this file, so the
// folder works from any path or origin. The build replaces the three names below with the content-hashed files
// of the same folder.
const ASSETS = { js: "__TIDINGS_JS__", wasm: "__TIDINGS_WASM__", css: "__TIDINGS_CSS__" };
const base = new URL(".", import.meta.url);
const asset = (name) => new URL(name, base).href;

// Space held for a widget before it starts, so the page does not jump (a constructed sheet: no inline style).
const reserve = new CSSStyleSheet();
reserve.replaceSync(":host{display:block;min-height:28rem}");

let compiled; // the wasm is compiled once; each widget gets its own instance of it
let embed; // the glue module: `instantiate()` makes an independent instance
let instances = 0;
const widgets = new Map(); // host element -> { glue, widget }

const lazily = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        lazily.unobserve(entry.target);
        start(entry.target);
      }
    }
  },
  { rootMargin: "300px" },
);

/** Adopts `host`: a shadow root with its space reserved, started when it nears the viewport. */
export function mount(host) {
  if (widgets.has(host)) return;
  host.setAttribute("data-tidings-mounted", "");
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [reserve];
  widgets.set(host, { widget: null });
  lazily.observe(host);
}

/** Stops and removes the widget of `host`. */
export function unmount(host) {
  const entry = widgets.get(host);
  if (!entry) return;
  lazily.unobserve(host);
  entry.widget?.destroy();
  host.shadowRoot?.replaceChildren();
  // Nothing refers to the instance any more: the garbage collector frees its memory.
  widgets.delete(host);
  host.removeAttribute("data-tidings-mounted");
}

// tidingsPrefetch(href): embed/prefetch.js, put here by embed/build.mjs.
// __TIDINGS_PREFETCH__

const warmed = new Set();

/**
 * Makes a date format for the widget's locale while the wasm downloads. The first `Intl.DateTimeFormat` of a page
 * loads the locale's data: tens of milliseconds on a phone, spent here in idle time instead of before the first
 * card is painted. A bad locale is the widget's to report.
 */
function warmDates(host) {
  const locale = host.getAttribute("data-locale")?.trim() || undefined;
  if (warmed.has(locale)) return;
  warmed.add(locale);
  setTimeout(() => {
    try {
      new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    } catch {}
  });
}

/** The wasm-bindgen exports of the widget on `host` (its own instance), for debugging and tests. */
export function instanceOf(host) {
  return widgets.get(host)?.glue;
}

async function start(host) {
  const entry = widgets.get(host);
  if (!entry) return;
  const shadow = host.shadowRoot;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = asset(ASSETS.css);
  const root = document.createElement("div");
  shadow.replaceChildren(link, root);
  tidingsPrefetch(host.getAttribute("data-bundle")?.trim() || "bundle.json");
  try {
    compiled ??= WebAssembly.compileStreaming(fetch(asset(ASSETS.wasm)));
    embed ??= import(asset(ASSETS.js));
    warmDates(host);
    // An instance of its own: a fault in one widget stops only that one, and removing it frees its memory.
    const glue = (await embed).instantiate((error) => stopped(host, glue, error));
    host.setAttribute("data-tidings-instance", String(++instances));
    await glue.default({ module_or_path: await compiled });
    if (widgets.get(host) !== entry) return; // removed while loading
    entry.glue = glue;
    entry.widget = glue.mount(host, root);
  } catch (error) {
    compiled = embed = undefined;
    fail(host, root, `The news widget could not start (${error?.message ?? error}).`);
  }
}

/**
 * The instance `glue` of the widget on `host` ended (a bug in it: see embed/guard.js). The host reports it with a
 * fatal `tidings:error`, and the widget is replaced by a message and a Retry that starts a fresh instance.
 */
function stopped(host, glue, error) {
  const entry = widgets.get(host);
  if (!entry || (entry.glue ?? glue) !== glue) return; // removed, or already running a fresh instance
  entry.glue = entry.widget = null;
  const detail = { message: String(error?.message ?? error), fatal: true };
  host.dispatchEvent(new CustomEvent("tidings:error", { bubbles: true, composed: true, detail }));
  fail(host, host.shadowRoot.querySelector("div"), "The news widget stopped working.");
}

function fail(host, root, message) {
  const box = document.createElement("div");
  box.className = "tidings tidings-error";
  box.setAttribute("role", "alert");
  const text = document.createElement("p");
  text.textContent = message;
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "tidings-button";
  retry.textContent = "Retry";
  retry.addEventListener("click", () => {
    const entry = widgets.get(host);
    if (entry) {
      entry.glue = entry.widget = null;
      start(host);
    }
  });
  box.append(text, retry);
  root?.replaceChildren(box);
}

function scan(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.matches("[data-tidings]")) mount(node);
  node.querySelectorAll?.("[data-tidings]").forEach(mount);
}

function release(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  for (const host of widgets.keys()) {
    if (host === node || node.contains(host)) unmount(host);
  }
}

new MutationObserver((records) => {
  for (const record of records) {
    record.removedNodes.forEach(release);
    record.addedNodes.forEach(scan);
  }
}).observe(document.documentElement, { childList: true, subtree: true });
scan(document.documentElement);

// The custom element: the same attributes, mounted and freed by the browser's own callbacks.
customElements.get("tidings-news") ??
  customElements.define(
    "tidings-news",
    class extends HTMLElement {
      connectedCallback() {
        mount(this);
      }
      disconnectedCallback() {
        unmount(this);
      }
    },
  );
