//! The loading and failure states: placeholders that hold the cards' space, and an error with a Retry.

use yew::prelude::*;

/// Grey cards of a real card's size while the bundle loads, so nothing shifts when it arrives.
#[component]
pub fn Placeholders() -> Html {
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

#[derive(Properties, PartialEq)]
pub struct FailureProps {
    /// What failed, in words.
    pub message: AttrValue,
    /// Try again.
    pub onretry: Callback<()>,
}

/// What failed and a Retry button.
#[component]
pub fn Failure(props: &FailureProps) -> Html {
    let retry_word = super::use_lang().words.retry;
    let onclick = props.onretry.reform(|_: MouseEvent| ());
    html! {
        <div class="tidings-error" role="alert">
            <p>{ props.message.clone() }</p>
            <button type="button" class="tidings-button" part="button" {onclick}>{ retry_word }</button>
        </div>
    }
}
