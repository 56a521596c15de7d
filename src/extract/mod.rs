//! Text → article record: finding times, speakers, cues and claims in news text.

pub mod timex;
