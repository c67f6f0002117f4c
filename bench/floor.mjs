// Yew's floor beside the widget: the wasm of a counter app (bench/floor) and the widget's, both built with the
// release settings (`make bench-floor` passes the Makefile's RELEASE_STD) and put through the same steps
// (bench/shipped.mjs), brotli as served.
// Usage: node bench/floor.mjs (after the two cargo builds the Makefile runs).
import { kb, shipped } from "./shipped.mjs";

const floor = shipped("target/floor/floor", "target/floor-build/wasm32-unknown-unknown/release/tidings_floor.wasm");
const widget = shipped("target/floor/widget", "target/wasm32-unknown-unknown/release/tidings-widget.wasm");
console.log("wasm".padEnd(40) + "raw".padStart(11) + "brotli".padStart(11));
console.log("Yew floor (a counter and a keyed list)".padEnd(40) + kb(floor.raw) + kb(floor.brotli));
console.log("Tidings widget".padEnd(40) + kb(widget.raw) + kb(widget.brotli));
console.log("the widget's own code and data".padEnd(40) + kb(widget.raw - floor.raw) + kb(widget.brotli - floor.brotli));
