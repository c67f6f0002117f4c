// The benchmark twin: Tidings' core widget (fetch the bundle, tag filters with counts, a page of cards, Show
// more, the later cards fetched after the first view) in plain JavaScript with no framework, reading the same
// bundle. It is what a careful developer would write by hand: DOM built with createElement and textContent,
// filtering by checking each loaded card's tags.
const PAGE = 12;

export async function mountTwin(root) {
  const url = new URL(root.dataset.bundle ?? "bundle.json", document.baseURI);
  const state = { tags: [], cards: [], total: 0, selected: [], shown: PAGE };
  const heading = el("h2", "twin-heading", "Latest stories");
  const filters = el("ul", "twin-tags");
  const count = el("p", "twin-count");
  count.setAttribute("role", "status");
  const list = el("div", "twin-cards");
  const more = el("button", "twin-more", "Show more");
  more.type = "button";
  more.addEventListener("click", () => {
    state.shown += PAGE;
    renderList();
  });
  root.replaceChildren(heading, filters, count, list, more);

  const manifest = await (await fetch(url)).json();
  // Bundle format 3: the manifest's most used tags, and every card through the table of shards (which start from
  // story 0, so the manifest's own cards are skipped). The twin keeps the old design: every card, fetched after
  // the first view.
  state.tags = manifest.tags.top.map((v) => ({ tag: v.value, count: v.count }));
  state.total = manifest.total;
  state.cards = manifest.articles;
  renderFilters();
  renderList();
  root.dispatchEvent(new CustomEvent("twin:ready", { bubbles: true }));
  let story = 0;
  for (const page of manifest.cards.pages) {
    const { entries } = await (await fetch(new URL(page, url))).json();
    for (const path of entries) {
      const shard = await (await fetch(new URL(path, url))).json();
      for (const card of shard.articles) if (story++ >= manifest.articles.length) state.cards.push(card);
      if (state.selected.length) renderList();
    }
  }
  root.dataset.complete = "";

  function renderFilters() {
    const selected = state.tags.filter((t) => state.selected.includes(t.tag));
    const rest = state.tags.filter((t) => !state.selected.includes(t.tag));
    const all = el("button", "twin-tag", "All");
    all.type = "button";
    all.setAttribute("aria-pressed", String(state.selected.length === 0));
    all.addEventListener("click", () => {
      state.selected = [];
      state.shown = PAGE;
      renderFilters();
      renderList();
    });
    const items = [li(all)];
    for (const t of [...selected, ...rest]) {
      const button = el("button", "twin-tag", t.tag);
      button.type = "button";
      button.setAttribute("aria-pressed", String(state.selected.includes(t.tag)));
      button.append(el("span", "twin-tag-count", String(t.count)));
      button.addEventListener("click", () => {
        const i = state.selected.indexOf(t.tag);
        if (i >= 0) state.selected.splice(i, 1);
        else state.selected.push(t.tag);
        state.shown = PAGE;
        renderFilters();
        renderList();
      });
      items.push(li(button));
    }
    filters.replaceChildren(...items);
  }

  function renderList() {
    const matching = state.selected.length
      ? state.cards.filter((c) => state.selected.some((t) => c.tags.includes(t)))
      : state.cards;
    const total = state.selected.length ? matching.length : state.total;
    const shown = Math.min(state.shown, total);
    count.textContent = `Showing ${Math.min(shown, matching.length)} of ${total} stories`;
    list.replaceChildren(...matching.slice(0, shown).map(card));
    more.hidden = shown >= total;
  }
}

const dates = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function card(c) {
  const article = el("article", "twin-card");
  const title = el("h3", "twin-card-title");
  const open = el("button", "twin-open", c.title);
  open.type = "button";
  title.append(open);
  const meta = el("p", "twin-meta");
  if (c.date) {
    const time = el("time", "", dates.format(new Date(`${c.date}T12:00:00`)));
    time.dateTime = c.date;
    meta.append(time, " · ");
  }
  const outlets = [...new Set(c.sources.map((s) => s.outlet))];
  meta.append(el("span", "twin-outlets", outlets.slice(0, 2).join(" · ") + (outlets.length > 2 ? ` +${outlets.length - 2}` : "")));
  const foot = el("p", "twin-foot", c.tags.map((t) => `#${t}`).join(" "));
  foot.append(el("span", "twin-reading", `${c.reading_minutes} min read`));
  article.append(title, meta);
  if (c.excerpt) article.append(el("p", "twin-excerpt", c.excerpt));
  article.append(foot);
  return article;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function li(child) {
  const item = document.createElement("li");
  item.append(child);
  return item;
}

for (const root of document.querySelectorAll("[data-twin]")) mountTwin(root);
