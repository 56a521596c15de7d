//! A claim's said time and its basis (`docs/time.md`, "A claim's said time"), on short
//! articles written for the test, Vietnamese in both written forms.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

fn record(text: &str, lang: &str, published: Option<&str>) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some(lang.into()),
        narrative: false,
        published: published.map(str::to_string),
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

/// Both written forms of a Vietnamese text: word-segmented and plain.
fn both_forms(segmented: &str) -> [String; 2] {
    [segmented.to_string(), segmented.replace('_', " ")]
}

/// The claim whose speaker as written contains `who`.
fn of<'a>(r: &'a ArticleRecord, who: &str) -> &'a ClaimRecord {
    r.claims
        .iter()
        .find(|c| {
            c.speaker_text
                .as_deref()
                .is_some_and(|s| s.replace('_', " ").contains(who))
        })
        .unwrap_or_else(|| panic!("{who}: {:#?}", r.claims))
}

/// Said time and basis of a claim, as the record writes them.
fn said(c: &ClaimRecord) -> (Option<&str>, Option<&str>) {
    (c.said.as_deref(), c.said_basis.as_deref())
}

#[test]
fn the_lead_dates_the_claims_of_its_event_but_not_the_background() {
    let article = "Sáng 12/6 , Bộ Y_tế tổ_chức họp_báo về dịch sốt_xuất_huyết tại Hà_Nội .\n\
         Thứ_trưởng Nguyễn_Văn_Khang cho_biết số ca mắc trong tháng đã giảm một_nửa .\n\
         Trước_đó , bà Trịnh_Thu_Hà từng cảnh_báo dịch có_thể bùng_phát vào mùa mưa .\n\
         Ông Phan_Quốc_Duy nói thêm rằng các tỉnh phía nam cần chuẩn_bị thuốc .";
    for text in both_forms(article) {
        let r = record(&text, "vi", Some("2024-06-13"));
        assert_eq!(
            said(of(&r, "Nguyễn Văn Khang")),
            (Some("2024-06-12"), Some("inherited")),
            "{text}"
        );
        assert_eq!(said(of(&r, "Trịnh Thu Hà")), (None, Some("none")), "{text}");
        assert_eq!(
            said(of(&r, "Phan Quốc Duy")),
            (Some("2024-06-12"), Some("inherited")),
            "{text}"
        );
    }
}

#[test]
fn a_time_in_the_reporting_clause_is_explicit_and_later_inherits_it() {
    let article = "Công_ty Hòa_Bình vừa công_bố kết_quả kinh_doanh quý hai .\n\
         Hôm 10/7 , ông Lý_Minh_Tuấn cho_biết lợi_nhuận đã tăng gấp đôi .\n\
         Sau_đó , bà Đinh_Ngọc_Mai nói công_ty sẽ mở thêm ba chi_nhánh .";
    for text in both_forms(article) {
        let r = record(&text, "vi", Some("2024-07-15"));
        assert_eq!(
            said(of(&r, "Lý Minh Tuấn")),
            (Some("2024-07-10"), Some("explicit")),
            "{text}"
        );
        assert_eq!(
            said(of(&r, "Đinh Ngọc Mai")),
            (Some("2024-07-10"), Some("inherited")),
            "{text}"
        );
    }
}

#[test]
fn english_claims_inherit_only_through_later_or_the_same_speaker() {
    let article = "The plant closed its doors in March after a long dispute.\n\
         The union said on Tuesday that the workers had not been paid.\n\
         Later, the company's owner said the wages would be paid in full.\n\
         A local councillor said the town would lose its largest employer.";
    let r = record(article, "en", Some("2024-06-14"));
    assert_eq!(
        said(of(&r, "union")),
        (Some("2024-06-11"), Some("explicit"))
    );
    assert_eq!(
        said(of(&r, "owner")),
        (Some("2024-06-11"), Some("inherited"))
    );
    // No lead inheritance in English news, and a new speaker two sentences on.
    assert_eq!(said(of(&r, "councillor")), (None, Some("none")));
}

#[test]
fn a_week_is_the_month_that_holds_it() {
    // Published Thursday 20 June 2024: last week is 10–16 June, this week 17–23 June.
    for text in both_forms("Tuần trước , ông Vương_Đình_Huệ cho_biết dự_án sẽ khởi_công .")
    {
        let r = record(&text, "vi", Some("2024-06-20"));
        assert_eq!(
            said(of(&r, "Vương Đình Huệ")),
            (Some("2024-06"), Some("explicit")),
            "{text}"
        );
    }
    let r = record(
        "This week, the mayor said the bridge would reopen.",
        "en",
        Some("2024-06-20"),
    );
    assert_eq!(said(of(&r, "mayor")), (Some("2024-06"), Some("explicit")));
    // Published Monday 3 June 2024: last week ran 27 May – 2 June, across two months.
    let r = record(
        "Last week, the mayor said the bridge would reopen.",
        "en",
        Some("2024-06-03"),
    );
    assert_eq!(said(of(&r, "mayor")), (Some("2024"), Some("explicit")));
}

#[test]
fn a_month_without_a_year_is_the_last_one_before_publication() {
    for text in both_forms("Tháng 11 , ông Tôn_Thất_Bách cho_biết nhà_máy sẽ đóng_cửa .")
    {
        let r = record(&text, "vi", Some("2024-03-01"));
        assert_eq!(
            said(of(&r, "Tôn Thất Bách")),
            (Some("2023-11"), Some("explicit")),
            "{text}"
        );
    }
    let r = record(
        "In November, the mayor said the bridge would reopen.",
        "en",
        Some("2024-03-01"),
    );
    assert_eq!(said(of(&r, "mayor")), (Some("2023-11"), Some("explicit")));
}

#[test]
fn a_written_month_and_year_keep_their_month() {
    for (phrase, value) in [
        ("Tháng 3-2023", "2023-03"),
        ("Tháng 3/2023", "2023-03"),
        ("Tháng 3 năm ngoái", "2023-03"),
    ] {
        for text in both_forms(&format!(
            "{phrase} , ông Tôn_Thất_Bách cho_biết nhà_máy sẽ đóng_cửa ."
        )) {
            let r = record(&text, "vi", Some("2024-06-01"));
            assert_eq!(
                said(of(&r, "Tôn Thất Bách")),
                (Some(value), Some("explicit")),
                "{text}"
            );
            assert!(
                r.times.iter().all(|t| !t.value.starts_with('P')),
                "{text}: {:?}",
                r.times
            );
        }
    }
}

#[test]
fn without_a_publication_date_a_day_takes_the_documents_year() {
    // The first line is long: no dateline, so no publication date.
    let article = "Quân_đội Syria tiến vào khu_phố cổ của Aleppo ngày 11/12/2016 sau nhiều tuần \
         giao_tranh ác_liệt với các nhóm nổi_dậy ở phía đông thành_phố .\n\
         Hôm 12/12 , ông Lê_Quang_Vinh cho_biết đã có hàng nghìn người rời thành_phố .";
    for text in both_forms(article) {
        let r = record(&text, "vi", None);
        assert_eq!(
            said(of(&r, "Lê Quang Vinh")),
            (Some("2016-12-12"), Some("explicit")),
            "{text}"
        );
    }
}

#[test]
fn a_future_word_inside_a_quotation_does_not_move_the_said_year() {
    // Published 5 September 2024: the "sẽ" / "will" belongs to the quoted speaker.
    for text in both_forms(
        "“ Chúng_tôi sẽ rút quân vào năm sau ” , ông Nguyễn_Văn_An nói với các phóng_viên hôm 4/9 .",
    ) {
        let r = record(&text, "vi", Some("2024-09-05"));
        assert_eq!(
            said(of(&r, "Nguyễn Văn An")),
            (Some("2024-09-04"), Some("explicit")),
            "{text}"
        );
    }
    let r = record(
        "\"We will pull our troops out next year,\" the minister told reporters on Sept. 4.",
        "en",
        Some("2024-09-05"),
    );
    assert_eq!(
        said(of(&r, "minister")),
        (Some("2024-09-04"), Some("explicit"))
    );
}

#[test]
fn a_said_day_without_a_year_is_never_after_publication() {
    // "on Sept. 6" in a paper of 5 September 2024 cannot be a day still to come.
    let r = record(
        "The mayor said on Sept. 6 that the bridge would reopen.",
        "en",
        Some("2024-09-05"),
    );
    assert_eq!(
        said(of(&r, "mayor")),
        (Some("2023-09-06"), Some("explicit"))
    );
    for text in both_forms("Hôm 6/9 , ông Tôn_Thất_Bách cho_biết nhà_máy sẽ đóng_cửa .")
    {
        let r = record(&text, "vi", Some("2024-09-05"));
        assert_eq!(
            said(of(&r, "Tôn Thất Bách")),
            (Some("2023-09-06"), Some("explicit")),
            "{text}"
        );
    }
}

#[test]
fn a_time_after_the_audience_is_the_reporting_clauses() {
    for text in both_forms(
        "Bộ_trưởng Lê_Văn_Thành nói với các phóng_viên hôm 4/9 rằng nhà_máy sẽ mở_cửa lại vào tuần tới .\n\
         Điều_tra_viên Hà_Văn_Tâm nói vào sáng ngày 2/9 rằng hồ_sơ đã hoàn_tất .",
    ) {
        let r = record(&text, "vi", Some("2024-09-05"));
        let c = of(&r, "Lê Văn Thành");
        assert_eq!(said(c), (Some("2024-09-04"), Some("explicit")), "{text}");
        assert!(c.text.starts_with("nhà máy sẽ"), "{text}: {}", c.text);
        let c = of(&r, "Hà Văn Tâm");
        assert_eq!(said(c), (Some("2024-09-02"), Some("explicit")), "{text}");
        assert!(c.text.starts_with("hồ sơ"), "{text}: {}", c.text);
    }
}

#[test]
fn a_year_in_the_subjects_first_act_does_not_date_its_second() {
    for text in both_forms(
        "Sáng 3/9 , Ủy_ban nhân_dân tỉnh họp bàn kế_hoạch .\n\
         Sở Tài_chính lập dự_toán năm 2025 và đề_nghị tỉnh tăng chi cho giáo_dục .",
    ) {
        let r = record(&text, "vi", Some("2024-09-05"));
        let c = of(&r, "Sở Tài");
        assert_eq!(
            c.cue.as_deref().map(|c| c.replace('_', " ")).as_deref(),
            Some("đề nghị")
        );
        assert_ne!(c.said.as_deref(), Some("2025"), "{text}");
        assert_eq!(said(c), (Some("2024-09-03"), Some("inherited")), "{text}");
    }
}

#[test]
fn another_claims_content_is_no_part_of_the_reporting_clause() {
    // "trước đó" inside the first claim's content does not make the second one background.
    let article = "Chiều 5/3 , Sở Y_tế tỉnh Bình_Định bác_bỏ tin_đồn về dịch cúm .\n\
         Sở này cho rằng các thông_tin trước đó trên mạng là sai , đồng_thời khẳng_định \
         số ca bệnh vẫn ổn_định .";
    for text in both_forms(article) {
        let r = record(&text, "vi", Some("2024-03-06"));
        let c = r
            .claims
            .iter()
            .find(|c| c.cue.as_deref() == Some("khẳng định"))
            .unwrap_or_else(|| panic!("{text}: {:#?}", r.claims));
        assert_eq!(said(c), (Some("2024-03-05"), Some("inherited")), "{text}");
    }
}

#[test]
fn the_same_day_is_the_day_last_named() {
    let article = "Sáng 10/7 , Công_ty Hòa_Bình công_bố kết_quả kinh_doanh quý hai .\n\
         Đến ngày 12/7 , hội_đồng quản_trị họp bất_thường .\n\
         Cũng trong ngày này , ông Lý_Minh_Tuấn cho_biết lợi_nhuận đã tăng gấp đôi .";
    for text in both_forms(article) {
        let r = record(&text, "vi", Some("2024-07-20"));
        assert_eq!(
            said(of(&r, "Lý Minh Tuấn")),
            (Some("2024-07-12"), Some("inherited")),
            "{text}"
        );
    }
}

#[test]
fn a_title_alone_is_the_person_who_last_held_it() {
    let article = "Trường Tân_Hòa vừa bị phát_hiện bớt_xén khẩu_phần ăn của học_sinh .\n\
         Chiều 3/5 , Hiệu_trưởng Lê_Thị_Loan cho_biết bà đã yêu_cầu bếp ăn viết tường_trình .\n\
         “ Tôi cũng có lỗi trong việc này ” , cô hiệu_trưởng nói .";
    for text in both_forms(article) {
        let r = record(&text, "vi", Some("2024-05-06"));
        let c = of(&r, "cô hiệu trưởng");
        assert_eq!(c.speaker, "Lê Thị Loan", "{text}");
        assert_eq!(said(c), (Some("2024-05-03"), Some("inherited")), "{text}");
    }
}
