// Inserted by embed/build.mjs into wasm-bindgen's glue, the page's and the embed's alike, where the glue keeps the
// instance's exports: `wasm = __tidingsGuard(instance.exports)`.
//
// Release builds compile a panic to a bare trap: no unwinding, no message, no hook (the standard library's panic
// machinery is about 12 KB of brotli). Whatever escapes a call into the wasm, a trap or a JavaScript exception
// thrown through Rust frames, leaves the instance half-way through its work. So the instance is ended there: its
// widgets say so (`__tidingsStopped`), and every later call throws at once without entering it.

/**
 * What an ended instance does to its widgets; the embed's `instantiate(stopped)` replaces it with the loader's.
 * On the page Trunk builds, the instance drives every widget element the loader has not adopted (those have a
 * shadow root), mounted or not yet: a trap while mounting leaves none blank.
 */
let __tidingsStopped = (error) => {
  for (const host of document.querySelectorAll("[data-tidings]")) {
    if (host.shadowRoot) continue;
    host.textContent = "The news widget stopped working.";
    host.setAttribute("role", "alert");
    const detail = { message: String(error?.message ?? error), fatal: true };
    host.dispatchEvent(new CustomEvent("tidings:error", { bubbles: true, composed: true, detail }));
  }
};

function __tidingsGuard(exports) {
  let ended = null;
  const guarded = {};
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== "function") {
      guarded[name] = value; // memory, tables, globals
      continue;
    }
    guarded[name] = function () {
      if (ended) throw new Error(`the news widget stopped working earlier (${ended})`);
      try {
        return value.apply(null, arguments);
      } catch (error) {
        if (!ended) {
          // A nested call (the glue calls back in while Rust is on the stack) may have ended it already.
          ended = error;
          try {
            __tidingsStopped(error);
          } catch (reporting) {
            console.error(reporting); // the trap, thrown on below, is what the page should see
          }
        }
        throw error;
      }
    };
  }
  return guarded;
}
