// Starts the download of a widget's bundle.json while the wasm downloads, and hands it to the widget
// (`api::Prefetch` in src/api.rs). embed/build.mjs puts this into the page's inline script (index.html) and the
// embed loader (tidings.js).
//
// The widget takes the download through `globalThis.tidingsPrefetched.take(href)`, once: it awaits the response
// as it would its own fetch (same request, same time limit through `controller`), and when a small bundle has
// arrived in full it reads `text` at once, so its first render shows the stories instead of placeholders.
// Nothing is judged here: status, size and content are the widget's to check and report.

/** Starts downloading the bundle at `href` (relative to the page), unless that download is already waiting. */
function tidingsPrefetch(href) {
  const prefetched = (globalThis.tidingsPrefetched ??= {
    downloads: new Map(),
    /** `href` as the page's fetch would resolve it; undefined for a bad address (the widget reports it). */
    url(href) {
      try {
        return new URL(href, document.baseURI).href;
      } catch {}
    },
    take(href) {
      const url = this.url(href);
      const download = this.downloads.get(url);
      this.downloads.delete(url);
      return download;
    },
  });
  const url = prefetched.url(href);
  if (url === undefined || prefetched.downloads.has(url)) return;
  const controller = new AbortController();
  const download = { controller, response: fetch(url, { signal: controller.signal }) };
  download.response
    .then((response) => {
      // Read ahead only what is surely small (a manifest is tens of KB); anything else is the widget's to read.
      const length = Number(response.headers.get("content-length"));
      if (response.ok && length > 0 && length <= 256 * 1024) {
        return response.clone().text().then((text) => (download.text = text));
      }
    })
    .catch(() => {}); // the widget awaits the same response and reports the failure
  prefetched.downloads.set(url, download);
}
