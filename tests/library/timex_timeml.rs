//! Value-F1 of the temporal tagger on the shared TimeML gold (TempEval-3 platinum and
//! TimeBank documents), scored as `eval/timeml.py` scores the CLI: relaxed text match,
//! exact value. Skips when the shared corpus is absent.

use crate::common;

use crate::timeml;

/// A little below the figure reached when this floor was set (0.903), so regressions fail.
const VALUE_F1_FLOOR: f64 = 0.895;

#[test]
fn timeml_value_f1_stays_above_floor() {
    let Some(dir) = common::shared().map(|s| s.join("corpus/timeml")) else {
        common::skip("the TimeML scoring: the shared corpus is absent");
        return;
    };
    let dir = dir.as_path();
    let total = timeml::evaluate_dir(dir, |_, _, _| {}).unwrap_or_else(|e| panic!("{e}"));
    let (precision, recall, f1) = total.value();
    eprintln!("TimeML value F1 {f1:.3} (P {precision:.3} R {recall:.3}), {total:?}");
    assert!(total.gold >= 100, "gold corpus looks truncated: {total:?}");
    assert!(
        f1 >= VALUE_F1_FLOOR,
        "value F1 {f1:.3} below {VALUE_F1_FLOOR}"
    );
}
