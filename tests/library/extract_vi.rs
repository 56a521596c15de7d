//! Vietnamese attribution patterns on short texts written for the test.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

fn record(text: &str) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("vi".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

fn by<'a>(r: &'a ArticleRecord, cue: &str) -> &'a ClaimRecord {
    r.claims
        .iter()
        .find(|c| c.cue.as_deref().map(|c| c.replace('_', " ")).as_deref() == Some(cue))
        .unwrap_or_else(|| panic!("{cue}: {:#?}", r.claims))
}

#[test]
fn copula_in_the_content_is_not_a_complementizer() {
    let r = record(
        "Bí_thư Thành_ủy Đinh_La_Thăng lưu_ý sân_bay Tân_Sơn_Nhất đang là một điểm ùn_tắc lớn .",
    );
    let c = by(&r, "lưu ý");
    assert_eq!(c.speaker, "Đinh La Thăng");
    assert!(
        c.text.starts_with("sân bay Tân Sơn Nhất đang là"),
        "{}",
        c.text
    );
}

#[test]
fn complementizer_after_a_time_or_a_place_opens_the_content() {
    let r = record("Ông Trần_Văn_An cho_biết hôm_qua là dự_án sẽ hoàn_thành vào cuối năm .");
    assert!(
        by(&r, "cho biết").text.starts_with("dự án sẽ"),
        "{:#?}",
        r.claims
    );
    let r = record("Ông Trần_Văn_An nói tại cuộc họp rằng dự_án sẽ hoàn_thành vào cuối năm .");
    assert!(
        by(&r, "nói").text.starts_with("dự án sẽ"),
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_place_after_a_title_is_not_a_name() {
    let r = record(
        "Theo Phó viện_trưởng Nguyễn_Hồng_Phuông , nguyên_nhân là lỗi của kiểm_sát_viên .\n\
         Sau đó , vị Phó viện_trưởng VKSND tỉnh Sóc_Trăng nói rằng , đơn_vị đã thấy sai_phạm .",
    );
    assert_eq!(by(&r, "nói rằng").speaker, "Nguyễn Hồng Phuông");
    assert!(
        r.actors.iter().all(|a| a.name != "Sóc Trăng"),
        "{:#?}",
        r.actors
    );
}

#[test]
fn a_name_after_an_honorific_is_a_name() {
    let r =
        record("Giám_đốc Sở Giao_thông vận_tải ông Bùi_Xuân_Cường cho_biết dự_án sẽ hoàn_thành .");
    assert_eq!(by(&r, "cho biết").speaker, "Bùi Xuân Cường");
}

#[test]
fn a_name_after_a_lowercase_body_is_a_name() {
    let r = record(
        "Theo Trưởng ban quản_lý đường_sắt đô_thị Lê_Nguyễn_Minh_Quang , dự_án sẽ hoàn_thành .",
    );
    assert_eq!(by(&r, "Theo").speaker, "Lê Nguyễn Minh Quang");
}

#[test]
fn an_addressee_between_cue_and_complementizer_is_skipped() {
    let r = record(
        "Ông Chris_Carlson trả_lời ngắn_gọn phóng_viên rằng : \" Chúng_tôi đều ổn \" .\n\
         Cơ_trưởng Trần_Văn_An thông_báo qua hệ_thống bộ_đàm : \" Chúng_tôi phải quay lại \" .",
    );
    assert!(
        by(&r, "trả lời").text.starts_with("Chúng tôi"),
        "{:#?}",
        r.claims
    );
    assert!(
        by(&r, "thông báo").text.starts_with("Chúng tôi"),
        "{:#?}",
        r.claims
    );
}
