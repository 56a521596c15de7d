pub mod timex;
