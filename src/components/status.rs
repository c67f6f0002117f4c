//! The loading and failure states: placeholders that hold the cards' space, and an error with a Retry.

use yew::prelude::*;

use crate::i18n::Words;

/// Grey cards of a real card's size while the bundle loads, so nothing shifts when it arrives.
pub fn placeholders() -> Html {
    html! {
        <div class="tidings-cards" aria-busy="true">
            { for (0..3).map(|_| html! {
                <div class="tidings-card tidings-placeholder" aria-hidden="true">
                    <div class="tidings-bar tidings-bar-title"></div>
                    <div class="tidings-bar"></div>
                    <div class="tidings-bar"></div>
                    <div class="tidings-bar tidings-bar-short"></div>
                </div>
            }) }
        </div>
    }
}

/// What failed (`message`) and a Retry button (`retry`, in the words `w`).
pub fn failure(message: String, retry: &Callback<()>, w: &Words) -> Html {
    let onclick = super::on_click(retry, ());
    html! {
        <div class="tidings-error" role="alert">
            <p>{ message }</p>
            <button type="button" class="tidings-button" part="button" {onclick}>{ w.retry }</button>
        </div>
    }
}
