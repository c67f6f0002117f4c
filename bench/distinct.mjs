// Writes N seeds of distinct text, for measuring an archive of that size honestly: no story repeats another, so
// compression is not flattered, and the tags grow with the archive as a newsroom's do.
// - Text: sentences of the real DigitalGov corpus recombined (each story draws its own), with words swapped for
//   others of the corpus, so that titles, excerpts and bodies are all different.
// - Tags: the corpus' own tags first, then pairs of its words, a vocabulary that grows with the size (about
//   20 * sqrt(N) tags: 2,000 at 10,000 stories, 20,000 at 1,000,000), drawn with a Zipf law: a few common tags and
//   a long tail of rare ones. 1 to 6 tags a story.
// - Outlets: sources from a realistic set of 60 news sites, weighted as a wire-heavy newsroom's are.
// - Dates: spread over the twenty years before 2025-12-31, newest most frequent.
// Deterministic: the same N gives the same seeds (a seeded generator, not Math.random).
// Usage: node bench/distinct.mjs N OUT_DIR [CORPUS_DIR]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [n, out, corpus = "corpus/digitalgov-seeds"] = process.argv.slice(2);
const count = Number(n);
if (!Number.isInteger(count) || count < 1 || !out) {
  console.error("usage: node bench/distinct.mjs N OUT_DIR [CORPUS_DIR]");
  process.exit(2);
}

// xorshift32: small, fast, and the same sequence on every machine.
let state = 0x2545f491 ^ count;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];

// The corpus' sentences and words, from the bodies of its posts (front matter, headings, links and shortcodes out).
const sentences = [];
const words = new Set();
for (const name of readdirSync(corpus).filter((f) => f.endsWith(".md")).sort()) {
  const body = readFileSync(join(corpus, name), "utf8").split(/\n---\n/).slice(1).join("\n");
  const prose = body
    .split("\n")
    .filter((l) => l.trim() && !/^(#|\{\{|!|\||<|>|-{3,}|\s*[-*] )/.test(l))
    .join(" ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "");
  for (const s of prose.split(/(?<=[.!?])\s+/)) {
    // Prose only: no markup left over (HTML, shortcodes, link syntax) that the compiler would warn about.
    if (s.length >= 40 && s.length <= 300 && !/[<>{}\[\]()]|:\/\//.test(s)) sentences.push(s);
  }
  for (const w of prose.toLowerCase().match(/\b[a-z]{4,12}\b/g) ?? []) words.add(w);
}
const vocabulary = [...words].sort();

// Tag vocabulary: the corpus' tags, then pairs of corpus words; Zipf-distributed use.
const corpusTags = new Set();
for (const name of readdirSync(corpus).filter((f) => f.endsWith(".md")).sort()) {
  const line = readFileSync(join(corpus, name), "utf8").match(/^tags: (\[.*\])$/m);
  if (line) for (const t of JSON.parse(line[1])) corpusTags.add(t);
}
const tagCount = Math.max(50, Math.round(20 * Math.sqrt(count)));
const tags = [...corpusTags].slice(0, tagCount);
const seen = new Set(tags);
for (let i = 0; tags.length < tagCount; i++) {
  // The second word moves on each time the first has gone round the vocabulary: pairs never cycle short.
  const v = vocabulary.length;
  const tag = `${vocabulary[(i * 7919) % v]}-${vocabulary[(i * 104729 + Math.floor(i / v) * 31 + 13) % v]}`;
  if (!seen.has(tag)) {
    seen.add(tag);
    tags.push(tag);
  }
}
// Cumulative Zipf weights, searched by bisection: a draw costs a logarithm of the vocabulary.
const cumulative = [];
let zipfTotal = 0;
for (let i = 0; i < tags.length; i++) cumulative.push((zipfTotal += 1 / (i + 1)));
const zipf = () => {
  const r = random() * zipfTotal;
  let lo = 0;
  let hi = tags.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return tags[lo];
};

const outlets = [
  ["apnews.com", 12], ["reuters.com", 12], ["bbc.com", 6], ["npr.org", 5], ["cnn.com", 5], ["nytimes.com", 5],
  ["washingtonpost.com", 4], ["theguardian.com", 4], ["aljazeera.com", 3], ["bloomberg.com", 3], ["wsj.com", 3],
  ["ft.com", 2], ["politico.com", 2], ["axios.com", 2], ["thehill.com", 2], ["cbsnews.com", 2], ["nbcnews.com", 2],
  ["abcnews.go.com", 2], ["pbs.org", 2], ["usatoday.com", 2], ["latimes.com", 2], ["economist.com", 1],
  ["theatlantic.com", 1], ["newsweek.com", 1], ["time.com", 1], ["lemonde.fr", 1], ["spiegel.de", 1],
  ["elpais.com", 1], ["france24.com", 1], ["dw.com", 1], ["cbc.ca", 1], ["abc.net.au", 1], ["haaretz.com", 1],
  ["timesofisrael.com", 1], ["foxnews.com", 1], ["msnbc.com", 1], ["cnbc.com", 1], ["propublica.org", 1],
  ["vox.com", 1], ["wired.com", 1], ["arstechnica.com", 1], ["theverge.com", 1], ["nature.com", 1],
  ["science.org", 1], ["statnews.com", 1], ["devex.com", 1], ["rollcall.com", 1], ["semafor.com", 1],
  ["theintercept.com", 1], ["motherjones.com", 1], ["slate.com", 1], ["salon.com", 1], ["nationalgeographic.com", 1],
  ["smithsonianmag.com", 1], ["scientificamerican.com", 1], ["foreignpolicy.com", 1], ["foreignaffairs.com", 1],
  ["kff.org", 1], ["pewresearch.org", 1], ["digital.gov", 1],
];
const outletTotal = outlets.reduce((a, [, w]) => a + w, 0);
const outlet = () => {
  let r = random() * outletTotal;
  for (const [host, w] of outlets) if ((r -= w) <= 0) return host;
  return outlets[0][0];
};

const end = Date.UTC(2025, 11, 31);
const span = 20 * 365.25 * 86400000;
// Newest most frequent: archives grow, so recent years hold more stories.
const date = () => new Date(end - span * (1 - Math.sqrt(random()))).toISOString().slice(0, 10);

/** A sentence with about one word in six swapped for another of the corpus: distinct text, still prose. */
const vary = (s) => s.replace(/\b[a-z]{4,12}\b/g, (w) => (random() < 1 / 6 ? pick(vocabulary) : w));
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const width = String(count - 1).length;
for (let i = 0; i < count; i++) {
  const day = date();
  const title = capital(
    Array.from({ length: 4 + Math.floor(random() * 6) }, () => pick(vocabulary)).join(" "),
  );
  const storyTags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, zipf))];
  const sourceCount = 1 + Math.floor(random() * 3);
  const sources = Array.from({ length: sourceCount }, (_, k) => `https://www.${outlet()}/${day.replaceAll("-", "/")}/story-${i}-${k}`);
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 6) }, () =>
    Array.from({ length: 2 + Math.floor(random() * 4) }, () => vary(pick(sentences))).join(" "),
  );
  const text = [
    "---",
    `sources: ${JSON.stringify(sources)}`,
    `tags: ${JSON.stringify(storyTags)}`,
    `date: ${day}`,
    "---",
    "",
    `# ${title} ${i}`,
    "",
    paragraphs.join("\n\n"),
    "",
  ].join("\n");
  writeFileSync(join(out, `${String(i).padStart(width, "0")}.md`), text);
}
console.log(`${count} seeds of distinct text, ${tags.length} tags, ${outlets.length} outlets, into ${out}`);
