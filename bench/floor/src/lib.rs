//! A counter and a keyed list: the least a Yew widget has (a component, state, an event, a list).

use yew::prelude::*;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[component]
fn Counter() -> Html {
    let n = use_state(|| 0u32);
    let onclick = {
        let n = n.clone();
        move |_| n.set(*n + 1)
    };
    html! {
        <div>
            <button {onclick}>{ "+1" }</button>
            <p>{ *n }</p>
            <ul>{ for (0..*n).map(|i| html! { <li key={i}>{ i }</li> }) }</ul>
        </div>
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<Counter>::new().render();
}
