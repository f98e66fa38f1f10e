"""Labels in Vietnamese and English, and numbers written the way each language writes them.

Vietnamese: 15.890 and 97,7% (dot for thousands, comma for decimals); English: 15,890 and 97.7%.
Machine formats (csv, json) never come through here: they carry plain numbers.
"""

from __future__ import annotations

from decimal import Decimal

LABELS: dict[str, tuple[str, str]] = {
    # schemes
    "mandatory": ("BHXH bắt buộc", "Mandatory social insurance"),
    "voluntary": ("BHXH tự nguyện", "Voluntary social insurance"),
    "unemployment": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    "mandatory.long": ("Bảo hiểm xã hội bắt buộc", "Mandatory social insurance"),
    "voluntary.long": ("Bảo hiểm xã hội tự nguyện", "Voluntary social insurance"),
    "unemployment.long": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    # columns
    "scheme": ("Loại hình", "Scheme"),
    "code": ("Mã", "Code"),
    "name": ("Xã, thị trấn", "Commune"),
    "name.wards": ("Xã, phường", "Commune, ward"),
    "eligible": ("Thuộc diện tham gia", "Eligible"),
    "enrolled": ("Tham gia (chỉ tiêu)", "Enrolled (target)"),
    "rate": ("Tỷ lệ", "Rate"),
    "stated_rate": ("Tỷ lệ ghi trong KH", "Stated rate"),
    "not_covered": ("Chưa tham gia", "Not covered"),
    "baseline": ("Năm trước", "Previous year"),
    "growth": ("Tăng so với năm trước", "Growth"),
    "total": ("TỔNG SỐ", "TOTAL"),
    "continued": ("{title} (tiếp theo)", "{title} (continued)"),
    "total.partial": ("TỔNG SỐ ({count}/{of} xã, thị trấn)", "TOTAL ({count} of {of} communes)"),
    "total.partial.wards": ("TỔNG SỐ ({count}/{of} xã, phường)", "TOTAL ({count} of {of} communes and wards)"),
    # notes
    "rates.title": ("Chỉ tiêu phát triển đối tượng tham gia BHXH năm {year}",
                    "Social-insurance participation targets for {year}"),
    "level": ("Cấp", "Level"),
    "unit_name": ("Đơn vị", "Unit"),
    "coverage_now": ("Tỷ lệ bao phủ", "Coverage now"),
    "level.district": ("huyện", "district"),
    "level.group": ("nhóm", "group"),
    "level.commune": ("xã", "commune"),
    # a unit's kind as plans write it (plan/v2.KINDS), shown in a table's level column
    "kind.tỉnh": ("tỉnh", "province"), "kind.thành phố": ("thành phố", "city"), "kind.huyện": ("huyện", "district"),
    "kind.quận": ("quận", "urban district"), "kind.thị xã": ("thị xã", "town"), "kind.xã": ("xã", "commune"),
    "kind.phường": ("phường", "ward"), "kind.thị trấn": ("thị trấn", "township"),
    "kind.đặc khu": ("đặc khu", "special zone"), "kind.nhóm": ("nhóm", "group"), "kind.thôn": ("thôn", "hamlet"),
    "kind.ấp": ("ấp", "hamlet"), "kind.bản": ("bản", "village"),
    "kind.tổ dân phố": ("tổ dân phố", "residential group"),
    "allocate.levels.title": ("{scheme}: chỉ tiêu giao cho huyện và xã", "{scheme}: targets by district and commune"),
    "allocate.levels.note": ("Chỉ tiêu chia cho từng huyện theo tổng số thuộc diện của các xã trong huyện (không dưới "
                             "tổng số đang tham gia, không vượt tổng số thuộc diện), rồi chỉ tiêu của huyện chia cho "
                             "các xã; tổng khớp đúng ở mọi cấp.",
                             "The target split among districts by the sums of their communes' eligible (never below "
                             "their enrolment now, never above their eligible), then each district's among its "
                             "communes; every level adds up exactly."),
    "rates.denominators": ("Tỷ lệ = chỉ tiêu / số người thuộc diện, lực lượng lao động hoặc dân số × 100, làm tròn "
                           "1 chữ số thập phân (tỷ lệ trên dân số: 2 chữ số, như tỷ lệ bao phủ BHYT); cột \"Tính "
                           "trên\" là mẫu số của chỉ tiêu.",
                           "Rate = target / eligible people, labour force or population × 100, rounded half-up to "
                           "one decimal (of the population: two, as health insurance coverage is printed); \"Rate "
                           "of\" names the count the target is of."),
    "denominator": ("Tính trên", "Rate of"),
    "denominator.eligible": ("thuộc diện", "eligible"),
    "denominator.labour_force": ("lực lượng lao động", "labour force"),
    "denominator.population": ("dân số", "population"),
    "labour_force": ("Lực lượng lao động", "Labour force"),
    "population": ("Dân số", "Population"),
    "rate_of_eligible": ("Tỷ lệ / thuộc diện", "Rate / eligible"),
    "rate_of_labour_force": ("Tỷ lệ / LLLĐ", "Rate / labour force"),
    "rate_of_population": ("Tỷ lệ / dân số", "Rate / population"),
    "health": ("Bảo hiểm y tế", "Health insurance"),
    "health.long": ("Bảo hiểm y tế", "Health insurance"),
    "rates.denominator": ("Tỷ lệ = số người tham gia / số người thuộc diện tham gia × 100, làm tròn 1 chữ số thập phân.",
                          "Rate = participants / eligible people × 100, rounded half-up to one decimal."),
    "agrees": ("khớp", "agrees"),
    "disagrees": ("không khớp", "disagrees"),
    "target": ("Chỉ tiêu giao", "Target"),
    "enrolled_now": ("Đang tham gia", "Enrolled now"),
    "target_rate": ("Tỷ lệ chỉ tiêu", "Target rate"),
    "quota": ("Thương số", "Exact quota"),
    "remainder": ("Số dư", "Remainder"),
    "priority": ("Thương số xét thêm người", "Last priority"),
    "bound": ("Giới hạn", "Bound"),
    "tie": ("Bằng nhau", "Tie"),
    "bound.eligible": ("giữ bằng số thuộc diện", "= eligible"),
    "bound.enrolled": ("giữ bằng số đang tham gia", "= enrolled now"),
    "tie.yes": ("bằng xã khác", "tie"),
    # --explain: how to read the columns, in words an official follows (issue 10)
    "explain.unit.commune": ("xã", "commune"),
    "explain.unit.unit": ("đơn vị", "unit"),
    "explain.hamilton": ("Cách đọc: thương số là phần của mỗi {unit} theo tỷ lệ chung. Mỗi {unit} nhận phần nguyên "
                         "của thương số; số người còn lại của chỉ tiêu được chia mỗi {unit} 1 người, theo số dư từ "
                         "lớn đến nhỏ: {unit} được thêm 1 người vì số dư của nó lớn hơn số dư của các {unit} không "
                         "được thêm.",
                         "How to read it: the exact quota is each {unit}'s share at the common rate. Each {unit} "
                         "gets the whole part of its quota; the people left over go one to a {unit}, largest "
                         "remainder first: a {unit} gets 1 more because its remainder is larger than those of the "
                         "{unit}s that get none."),
    "explain.divisor": ("Cách đọc: thương số là phần của mỗi {unit} theo tỷ lệ chung. Chỉ tiêu được giao lần lượt "
                        "từng người, mỗi lần cho {unit} có thương số xét thêm người lớn nhất lúc đó ({method}); cột "
                        "thương số xét thêm người ghi thương số khi {unit} được thêm người cuối cùng: {unit} được "
                        "thêm người đó vì thương số này cao hơn của mọi {unit} không được thêm nữa.",
                        "How to read it: the exact quota is each {unit}'s share at the common rate. The target is "
                        "given one person at a time, each to the {unit} with the highest priority at that moment "
                        "({method}); the last priority is the one at which the {unit} got its last person: it got "
                        "that person because this priority is higher than that of every {unit} given no more."),
    "explain.what.hamilton": ("số dư", "remainder"),
    "explain.what.divisor": ("thương số xét thêm người", "priority"),
    "explain.tie": ("Bằng xã khác: {what} bằng đúng {what} của một {unit} khác ở chỗ hết chỉ tiêu; khi đó {unit} có số để chia lớn hơn, rồi {unit} đứng trước trong bảng, được thêm "
                    "trước.",
                    "Tie: its {what} equals another {unit}'s where the target runs out; the {unit} "
                    "with the larger count to split by, then the one earlier in the table, gets the person first."),
    "explain.bound": ("Giữ bằng số đang tham gia: theo thương số thì chỉ tiêu thấp hơn số đang tham gia, nên chỉ "
                      "tiêu được giữ bằng số đang tham gia.",
                      "= enrolled now: by its quota the target would be below its enrolment now, so the target is "
                      "kept at it."),
    "allocate.title": ("{scheme}: chỉ tiêu giao cho xã, thị trấn", "{scheme}: targets by commune"),
    "allocate.title.wards": ("{scheme}: chỉ tiêu giao cho xã, phường", "{scheme}: targets by commune and ward"),
    "allocate.basis.eligible": ("Chia theo số người thuộc diện tham gia ({method}); không xã nào vượt số thuộc diện.",
                                "Split by eligible people ({method}); no commune above its eligible."),
    "allocate.basis.eligible.floor": ("Chia theo số người thuộc diện tham gia ({method}); không xã nào vượt số thuộc "
                                      "diện hay dưới số đang tham gia.",
                                      "Split by eligible people ({method}); no commune above its eligible or below "
                                      "its enrolment now."),
    "allocate.basis.headroom": ("Chia phần tăng theo số người chưa tham gia ({method}), cộng vào số đang tham gia.",
                                "The increase split by people not yet covered ({method}), added to enrolment now."),
    "allocate.rate.eligible": ("Tỷ lệ chung: {rate}% số người thuộc diện.", "Common rate: {rate}% of eligible people."),
    "allocate.rate.headroom": ("Tỷ lệ chung: {rate}% số người chưa tham gia.",
                               "Common rate: {rate}% of people not yet covered."),
    "method.sainte-lague": ("Sainte-Laguë", "Sainte-Laguë"),
    "method.dhondt": ("D'Hondt", "D'Hondt"),
    "method.huntington-hill": ("Huntington-Hill", "Huntington-Hill"),
    "method.adams": ("Adams", "Adams"),
    "method.hamilton": ("phần dư lớn nhất", "largest remainder"),
    "basis.eligible": ("số người thuộc diện", "eligible people"),  # --basis, as the "wrote" lines say it
    "basis.headroom": ("số người chưa tham gia", "people not yet enrolled"),
    "basis.population": ("dân số", "population"),  # fixb: a scheme whose target is of the population (health)
    "basis.labour_force": ("lực lượng lao động", "labour force"),
    "actual": ("Đã tham gia", "Enrolled"),
    "gap": ("Còn thiếu", "Gap"),
    "achieved": ("Đạt % chỉ tiêu", "Achieved"),
    "rate_points": ("Tỷ lệ so với KH", "Rate vs plan"),
    "still_needed": ("Cần thêm", "Still needed"),
    "expected": ("Số người cần đạt theo tiến độ", "Expected"),
    "status": ("Tình trạng", "Status"),
    "change": ("So với kỳ trước", "Change"),
    "exceeded": ("vượt {count}", "exceeded by {count}"),
    "points": ("{value} điểm %", "{value} pp"),
    "status.met": ("đạt", "met"),
    "status.on track": ("đúng tiến độ", "on track"),
    "status.behind": ("chậm tiến độ", "behind"),
    "status.no report": ("chưa báo cáo", "no report"),
    "gap.shown_total": ("Cộng {count} {units} chậm tiến độ đã liệt kê: chỉ tiêu {target}, đã tham gia {actual}, "
                        "còn thiếu {gap}, theo tiến độ {expected}.",
                        "Total of the {count} {units} shown (behind schedule): target {target}, enrolled {actual}, "
                        "gap {gap}, expected {expected}."),
    "gap.title": ("{scheme}: tiến độ đến {date}", "{scheme}: progress to {date}"),
    "gap.schedule": ("Tiến độ: đường thẳng từ số tham gia đầu năm (1/1) đến chỉ tiêu (31/12); đã qua {share}% năm.",
                     "Schedule: a straight line from enrolment at the start of the year (1 Jan) to the target "
                     "(31 Dec); {share}% of the year elapsed."),
    "gap.schedule.nobaseline": ("Không có số đầu năm (baseline): so tỷ lệ đạt chỉ tiêu với {share}% thời gian đã qua.",
                                "No baseline in the plan: the share of the target reached is compared with the "
                                "{share}% of the year elapsed."),
    "coverage.plan.title": ("Số người chưa tham gia theo kế hoạch năm {year}", "Coverage gap of the {year} plan"),
    "coverage.title": ("{scheme}: số người chưa tham gia theo kế hoạch", "{scheme}: coverage gap of the plan"),
    "coverage.note": ("Chưa tham gia = thuộc diện − chỉ tiêu. Thêm --actual FILE để so với số đã tham gia.",
                      "Not covered = eligible − target. Add --actual FILE to compare with enrolment reported."),
    "index": ("STT", "No."),
    "allocate.book.title": ("Giao chỉ tiêu phát triển đối tượng tham gia BHXH năm {year} cho xã, thị trấn",
                            "Social-insurance participation targets for {year} by commune"),
    "allocate.book.title.wards": ("Giao chỉ tiêu phát triển đối tượng tham gia BHXH năm {year} cho xã, phường",
                                  "Social-insurance participation targets for {year} by commune and ward"),
    "gap.book.title": ("Tiến độ thực hiện chỉ tiêu phát triển đối tượng tham gia BHXH đến {date}",
                       "Progress against social-insurance participation targets to {date}"),
    "by_commune.title": ("{scheme}: chỉ tiêu theo xã, thị trấn", "{scheme}: targets by commune"),
    "by_commune.title.wards": ("{scheme}: chỉ tiêu theo xã, phường", "{scheme}: targets by commune and ward"),
    # bhxh milestones
    "milestones.title": ("Lộ trình chỉ tiêu hằng năm đến năm {year}: {target} người",
                         "Yearly milestones to {year}: {target} people"),
    "milestones.year": ("Năm", "Year"),
    "milestones.target": ("Chỉ tiêu", "Target"),
    "milestones.increase": ("Tăng so với năm trước", "Increase on the year before"),
    "milestones.growth": ("Tốc độ tăng", "Growth"),
    "milestones.baseline": ("Năm gốc {year}: {count} người.", "Baseline {year}: {count} people."),
    "milestones.linear": ("Tuyến tính: mỗi năm tăng một phần bằng nhau, làm tròn đến người (từ 0,5 làm tròn lên); "
                          "năm cuối đúng bằng chỉ tiêu.",
                          "Linear: an equal part of the increase each year, rounded half-up to whole people; the "
                          "last year is the target exactly."),
    "milestones.growth.note": ("Tăng đều {rate} mỗi năm, làm tròn đến người (từ 0,5 làm tròn lên); năm cuối đúng "
                               "bằng chỉ tiêu.",
                               "A constant growth of {rate} a year, rounded half-up to whole people; the last year "
                               "is the target exactly."),
    # documents (Decree 30/2020/NĐ-CP)
    "appendix": ("PHỤ BIỂU", "APPENDIX"),
    "motto.1": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto.2": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "attached": ("(Kèm theo {document})", "(Attached to {document})"),
    "attached.plan": ("Kế hoạch số {number}", "Plan No. {number}"),
    "attached.issued": ("ngày {date}", "of {date}"),
    "attached.issuer": ("của {issuer}", "by {issuer}"),
    "method.sheet": ("Cach tinh", "Method"),
    "method.title": ("Cách tính", "How the figures are computed"),
    "allocate.official.eligible": ("Chỉ tiêu chia theo tỷ lệ số người thuộc diện tham gia, làm tròn để tổng khớp "
                                   "chỉ tiêu; không xã nào vượt số thuộc diện.",
                                   "Targets split in proportion to eligible people, rounded so that they add up "
                                   "to the target; no commune above its eligible."),
    "allocate.official.headroom": ("Phần tăng chia theo tỷ lệ số người chưa tham gia, làm tròn để tổng khớp chỉ "
                                   "tiêu, cộng vào số đang tham gia.",
                                   "The increase split in proportion to people not yet covered, rounded so that "
                                   "it adds up to the target, added to enrolment now."),
    "chart.sheet.mandatory": ("Bieu do BHXH BB", "Chart mandatory"),
    "chart.sheet.voluntary": ("Bieu do BHXH TN", "Chart voluntary"),
    "chart.sheet.unemployment": ("Bieu do BHTN", "Chart unemployment"),
    "title.area": ("{what} trên địa bàn {area}", "{what}: {area}"),
    # the drafted report
    "report.kind": ("BÁO CÁO", "REPORT"),
    "report.subject": ("Tiến độ thực hiện chỉ tiêu phát triển đối tượng tham gia bảo hiểm xã hội đến ngày {date}",
                       "Progress against social-insurance participation targets as of {date}"),
    "report.number": ("Số:       /BC-{suffix}", "No.:       /BC-{suffix}"),
    "report.place_date": ("{place}, ngày     tháng     năm {year}", "{place}, ...... {year}"),
    "report.where": ("toàn {unit}", "{area}"),
    "report.where.area": ("toàn địa bàn", "the area"),
    # a partial report: its totals cover the communes that reported, and the sentence says so
    "report.where.partial": ("{count}/{of} xã, thị trấn đã báo cáo", "the {count} of {of} communes that reported"),
    "report.where.partial.wards": ("{count}/{of} xã, phường đã báo cáo",
                                   "the {count} of {of} communes and wards that reported"),
    "report.needed.partial": ("còn {count} người cần phát triển để các đơn vị này hoàn thành chỉ tiêu",
                              "{count} more are needed for them to reach their target"),
    "report.achieved.partial": (", đạt {achieved}% chỉ tiêu của các đơn vị này", ", {achieved}% of their target"),
    "report.mandatory": ("BHXH bắt buộc", "mandatory social insurance"),
    "report.voluntary": ("BHXH tự nguyện", "voluntary social insurance"),
    "report.unemployment": ("bảo hiểm thất nghiệp", "unemployment insurance"),
    "report.health": ("bảo hiểm y tế", "health insurance"),  # plan format 2 (issue 11)
    "report.heading": ("{number}. {scheme}", "{number}. {scheme}"),
    "report.summary": ("Đến ngày {date}, {where} có {actual} người tham gia {scheme}{achieved}{change}; {rest}.",
                       "As of {date}, {where} has {actual} participants in {scheme}{achieved}{change}; {rest}."),
    "report.achieved": (", đạt {achieved}% chỉ tiêu", ", {achieved}% of the target"),
    "report.up": (", tăng {count} người so với kỳ báo cáo trước", ", {count} more than in the previous report"),
    "report.down": (", giảm {count} người so với kỳ báo cáo trước", ", {count} fewer than in the previous report"),
    "report.same": (", không thay đổi so với kỳ báo cáo trước", ", the same as in the previous report"),
    "report.needed": ("còn {count} người cần phát triển để hoàn thành chỉ tiêu",
                      "{count} more are needed to reach the target"),
    "report.exceeded": ("vượt chỉ tiêu {count} người", "the target is exceeded by {count}"),
    "report.met": ("đã hoàn thành chỉ tiêu", "the target is reached"),
    "report.behind": ("Có {count} xã, thị trấn chậm so với tiến độ, theo số người còn cần phát triển: {communes}.",
                      "{count} communes are behind schedule, by people still needed: {communes}."),
    "report.behind.one": ("{name} ({count} người)", "{name} ({count})"),
    "report.behind.wards": ("Có {count} xã, phường chậm so với tiến độ, theo số người còn cần phát triển: "
                            "{communes}.", "{count} communes and wards are behind schedule, by people still needed: "
                            "{communes}."),
    "report.behind.none.wards": ("Không có xã, phường nào chậm so với tiến độ.",
                                 "No commune or ward is behind schedule."),
    "report.behind.none": ("Không có xã, thị trấn nào chậm so với tiến độ.", "No commune is behind schedule."),
    "report.appendix": ("Chi tiết tại Phụ biểu {number} kèm theo.", "Details in Appendix {number}."),
    "report.chart.wards": ("Biểu đồ tiến độ của từng xã, phường có trong tệp Excel viết bằng lệnh bhxh gap với "
                           "--output <tệp>.xlsx (các trang \"Bieu do ...\").",
                           "A chart of each commune's and ward's progress is in the Excel workbook written by bhxh "
                           "gap with --output <file>.xlsx (the \"Chart ...\" sheets)."),
    "report.chart": ("Biểu đồ tiến độ của từng xã, thị trấn có trong tệp Excel viết bằng lệnh bhxh gap với "
                     "--output <tệp>.xlsx (các trang \"Bieu do ...\").",
                     "A chart of each commune's progress is in the Excel workbook written by bhxh gap with "
                     "--output <file>.xlsx (the \"Chart ...\" sheets)."),
    "report.attached": ("(Kèm theo Báo cáo số       /BC-{suffix} ngày     tháng     năm {year}{issuer})",
                        "(Attached to Report No.       /BC-{suffix} of ...... {year}{issuer})"),
    "report.recipients": ("Nơi nhận:", "Recipients:"),
    "report.recipients.lines": ("- ……;\n- Lưu: VT.", "- ……;\n- File: VT."),
    "chart.title": ("{scheme}: % chỉ tiêu đạt được so với tiến độ", "{scheme}: % of target against the schedule"),
    "chart.title.first": ("{scheme}: % chỉ tiêu đạt được so với tiến độ ({count} {units} chậm nhất)",
                          "{scheme}: % of target against the schedule (the {count} furthest behind)"),
    "chart.achieved": ("Đạt % chỉ tiêu", "% of target"),
    "chart.expected": ("% theo tiến độ", "Expected %"),
    # progress over months and years (issue 12): comparisons, laggards, trend
    "change.previous": ("Tăng/giảm so với tháng trước", "Change since last month"),
    "change.previous.points": ("Tỷ lệ so với tháng trước", "Rate vs last month"),
    "change.year_start": ("Tăng/giảm so với cuối năm trước", "Change since the end of last year"),
    "change.year_start.points": ("Tỷ lệ so với cuối năm trước", "Rate vs end of last year"),
    "change.year_ago": ("Tăng/giảm so với cùng kỳ năm trước", "Change since the same period last year"),
    "change.year_ago.points": ("Tỷ lệ so với cùng kỳ năm trước", "Rate vs same period last year"),
    "gap.compared": ("So sánh với {comparisons}; tỷ lệ tính trên số thuộc diện của kế hoạch năm nay, chênh lệch "
                     "tính bằng điểm %.",
                     "Compared with {comparisons}; rates are of this plan's eligible people, their change in "
                     "percentage points."),
    "gap.compared.previous": ("báo cáo tháng trước ({date})", "last month's report ({date})"),
    # fixg: --previous not of the month before the report judged: the previous report (kỳ trước), not last month
    "gap.compared.previous_period": ("báo cáo kỳ trước ({date})", "the previous report ({date})"),
    "change.previous_period": ("Tăng/giảm so với kỳ trước", "Change since the previous report"),
    "change.previous_period.points": ("Tỷ lệ so với kỳ trước", "Rate vs the previous report"),
    "trend.change.period": ("So với kỳ trước", "vs the previous report"),
    "gap.compared.year_start": ("báo cáo cuối năm trước ({date})", "the report of the end of last year ({date})"),
    "gap.compared.year_ago": ("báo cáo cùng kỳ năm trước ({date})", "the report of the same period last year ({date})"),
    "laggards.achieved": ("{scheme}: {count} {units} đạt tỷ lệ thấp nhất so với chỉ tiêu, đến {date}",
                          "{scheme}: the {count} {units} furthest behind in % of target, on {date}"),
    "laggards.still_needed": ("{scheme}: {count} {units} còn thiếu nhiều người nhất, đến {date}",
                              "{scheme}: the {count} {units} with the most people still needed, on {date}"),
    "laggards.rank": ("Thứ tự", "Rank"),
    "laggards.none": ("Mọi xã đã báo cáo đều đạt chỉ tiêu.", "Every commune reported has met its target."),
    "trend.title": ("{scheme}: tỷ lệ tham gia theo tháng", "{scheme}: participation rate by month"),
    "month.1": ("T1", "Jan"),
    "month.2": ("T2", "Feb"),
    "month.3": ("T3", "Mar"),
    "month.4": ("T4", "Apr"),
    "month.5": ("T5", "May"),
    "month.6": ("T6", "Jun"),
    "month.7": ("T7", "Jul"),
    "month.8": ("T8", "Aug"),
    "month.9": ("T9", "Sep"),
    "month.10": ("T10", "Oct"),
    "month.11": ("T11", "Nov"),
    "month.12": ("T12", "Dec"),
    "gap.schedule.monthly": ("Tiến độ: theo tỷ lệ lũy kế hằng tháng của kế hoạch (schedule), từ số tham gia đầu năm "
                             "đến chỉ tiêu; đến ngày báo cáo cần đạt {share}% mức tăng cả năm.",
                             "Schedule: the plan's cumulative monthly shares (schedule), from the participants at "
                             "the start of the year to the target; {share}% of the year's increase is due by the "
                             "date."),
    "gap.schedule.series": ("Tiến độ: theo chuỗi số liệu hằng tháng của năm trước (--schedule-from): cùng tỷ lệ mức "
                            "tăng cả năm đã đạt đến cùng tháng; đến ngày báo cáo cần đạt {share}% mức tăng cả năm.",
                            "Schedule: last year's monthly series (--schedule-from), the same share of the year's "
                            "increase reached by the same month; {share}% of the year's increase is due by the "
                            "date."),
    "trend.note.book": ("Tỷ lệ = số tham gia / {denominator} của kế hoạch × 100, làm tròn {decimals}; cột "
                        "\"Tháng giảm\" ghi các tháng số tham gia giảm so với tháng trước.",
                        "Rate = participants / the plan's {denominator} × 100, rounded half-up to {decimals}; "
                        "\"Months down\" lists the months the participants went down from the month before."),
    "trend.months": ("Tỷ lệ tham gia theo tháng", "Participation rate by month"),
    "trend.change": ("So với tháng trước", "vs last month"),
    "trend.down": ("Tháng giảm", "Months down"),
    "trend.note": ("Tỷ lệ = số tham gia / {denominator} của kế hoạch × 100, làm tròn {decimals}; ▼ đánh "
                   "dấu tháng số tham gia giảm so với tháng trước.",
                   "Rate = participants / the plan's {denominator} × 100, rounded half-up to {decimals}; ▼ marks "
                   "a month the participants went down from the month before."),
    # fixb: the singular of a sentence with a count (label() picks "KEY|one" for a count of 1), units named by
    # their kinds (units_word), decimals of a rate, health insurance's chart
    "report.behind|one": ("Có {count} xã, thị trấn chậm so với tiến độ, theo số người còn cần phát triển: "
                          "{communes}.", "{count} commune is behind schedule, by people still needed: {communes}."),
    "report.behind.wards|one": ("Có {count} xã, phường chậm so với tiến độ, theo số người còn cần phát triển: "
                                "{communes}.", "{count} commune or ward is behind schedule, by people still needed: "
                                "{communes}."),
    "units": ("xã", "communes"),
    "units|one": ("xã", "commune"),
    "units.wards": ("xã, phường", "communes and wards"),
    "units.wards|one": ("xã, phường", "commune or ward"),
    "decimals.1": ("1 chữ số thập phân", "one decimal"),
    "decimals.2": ("2 chữ số thập phân", "two decimals"),
    "chart.sheet.health": ("Bieu do BHYT", "Chart health"),
}

# Since 1 July 2025 there are no districts and no towns (thị trấn): provinces split their targets among
# communes and wards (xã, phường). Labels that name the units follow the plan's year.
REFORM_YEAR = 2025


def units_key(key: str, year: int) -> str:
    """The label key that names the units the way a plan of `year` does: "xã, phường" after 2025."""
    return f"{key}.wards" if year > REFORM_YEAR and f"{key}.wards" in LABELS else key


def explain_notes(method: str, unit: str, lang: str, *, tie: bool, bound: bool) -> list[str]:
    """How to read an --explain table: the method in words, then what a tie and a bound mean when the table
    shows one. `unit` is "commune" or "unit"."""
    kind = "hamilton" if method == "hamilton" else "divisor"
    values = {"unit": label(f"explain.unit.{unit}", lang), "method": label(f"method.{method}", lang),
              "what": label(f"explain.what.{kind}", lang)}
    notes = [label(f"explain.{kind}", lang, **values)]
    if tie:
        notes.append(label("explain.tie", lang, **values))
    if bound:
        notes.append(label("explain.bound", lang, **values))
    return notes


def level_name(level: str, lang: str, kind: str | None = None) -> str:
    """A unit's level as a table shows it: its kind as the plan gives it (phường, thị trấn: not all "xã"), else
    its level's name; a group's own kind (a word of the plan's author) as written."""
    if kind is not None:
        return label(f"kind.{kind}", lang) if f"kind.{kind}" in LABELS else kind
    return label(f"level.{level}", lang) if f"level.{level}" in LABELS else level


def units_word(kinds, year: int, lang: str, count: int) -> str:
    """How a sentence names `count` units of these kinds (as a plan gives them): their kinds' words, in the order
    of the kinds' list above ("xã, đặc khu"; "communes and special zones"); where a kind is unknown (a plan of
    format 1 gives none) or there are no units, the words of the plan's era ("xã", "xã, phường" after 2025)."""
    kinds = list(kinds)
    if not kinds or any(kind is None for kind in kinds):
        return label(units_key("units", year) + ("|one" if count == 1 else ""), lang)
    order = [key[len("kind."):] for key in LABELS if key.startswith("kind.")]
    words = [level_name("commune", lang, kind) for kind in
             sorted(set(kinds), key=lambda kind: (order.index(kind) if kind in order else len(order), kinds.index(kind)))]
    if lang == "vi":
        return ", ".join(words)  # Vietnamese nouns do not change with the count
    if count != 1:
        words = [word[:-1] + "ies" if word.endswith("y") else word + "s" for word in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def label(key: str, lang: str, **values: object) -> str:
    if str(values.get("count")) == "1" and f"{key}|one" in LABELS:  # a count of one: the singular, where it differs
        key = f"{key}|one"
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


_VI_SEPARATORS = str.maketrans({",": ".", ".": ","})  # 1,234.5 -> 1.234,5


def format_count(value: int | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_decimal(value: Decimal | None, lang: str, *, sign: bool = False) -> str:
    """A decimal number with the language's separators (one decimal stays one decimal)."""
    if value is None:
        return "—"
    if value.is_zero():
        value = abs(value)  # -0.0 (a rate written "-0.0") is 0.0: never printed "-0,0"
    text = f"{value:+,}" if sign else f"{value:,}"
    if lang == "vi":
        text = text.translate(_VI_SEPARATORS)
    return text


def format_percent(value: Decimal | None, lang: str, *, sign: bool = False) -> str:
    return "—" if value is None else format_decimal(value, lang, sign=sign) + "%"


def format_signed_count(value: int | None, lang: str) -> str:
    if value is None:
        return "—"
    # "-" as format_decimal and the workbooks write it: one minus sign in a table of changes
    return ("+" if value > 0 else "-" if value < 0 else "±") + format_count(abs(value), lang)
