"""Thông báo tiếng Việt. Khóa giữ nguyên; mỗi giá trị là một câu trọn vẹn với {tên} các giá trị điền vào."""

MESSAGES: dict[str, str] = {
    # dòng lệnh
    "help.app": "Chỉ tiêu phát triển đối tượng tham gia BHXH (Nghị quyết 102/NQ-CP): tỷ lệ, kiểm tra kế hoạch, "
                "giao chỉ tiêu cho xã.",
    "help.version": "In số phiên bản rồi thoát.",
    "help.lang": "Ngôn ngữ của thông báo, nhãn và cách viết số: vi (15.890; 97,7%) hoặc en. Cũng có thể đặt "
                 "BHXH_LANG=en.",
    "help.format": "Dạng kết quả; csv và json ghi số không định dạng.",
    "help.sheet": "Trang tính cần đọc của tệp .xlsx (mặc định: trang đầu tiên).",
    "help.force": "Ghi đè tệp kết quả đã có.",
    "help.signer": "Phần ký của tệp .xlsx, các dòng cách nhau bằng /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / họ tên'.",
    "help.rates": "Tỷ lệ tham gia theo từng loại hình: số thuộc diện, số tham gia, tỷ lệ; kiểm tra tỷ lệ ghi trong "
                  "kế hoạch.\n\n\b\nVí dụ:\n  bhxh rates\n  bhxh rates kehoach.yaml --by commune -o phubieu.xlsx",
    "help.rates.plan": "Tệp kế hoạch (YAML). Mặc định: kế hoạch năm 2020 của huyện Triệu Sơn có sẵn.",
    "help.rates.by": "commune: mỗi xã một dòng và một dòng tổng số.",
    "help.rates.output": "Ghi ra tệp: .xlsx (phụ biểu của kế hoạch), .csv, .json hoặc .md.",
    "help.check": "Kiểm tra tệp kế hoạch; mỗi lỗi một dòng TỆP:DÒNG:CỘT: VỊ TRÍ: NỘI DUNG (quy tắc).\n\n\b\n"
                  "Ví dụ:\n  bhxh check kehoach.yaml\n  bhxh check kehoach/ --format github",
    "help.check.plans": "Các tệp kế hoạch (YAML) cần kiểm tra, hoặc thư mục chứa chúng.",
    "help.check.format": "text, github (chú thích của GitHub Actions) hoặc json.",
    "help.check.policy": "Kiểm tra thêm mức tối thiểu của một chính sách: nq102, nq28 (lực lượng lao động), "
                         "health (BHYT), hoặc một tệp chính sách (.yaml).",
    "help.allocate": "Giao chỉ tiêu của kế hoạch cho từng xã: số nguyên, cộng lại đúng bằng chỉ tiêu của "
                     "huyện.\n\n\b\nVí dụ:\n  bhxh allocate -c danhsachxa.csv -p kehoach.yaml\n"
                     "  bhxh allocate -c danhsachxa.xlsx -s bb --explain",
    "help.allocate.communes": "Bảng danh sách xã (CSV hoặc .xlsx, như Excel lưu): mã, tên, <loại hình>_eligible "
                              "và có thể có <loại hình>_enrolled.",
    "help.allocate.plan": "Tệp kế hoạch. Mặc định: kế hoạch năm 2020 có sẵn.",
    "help.allocate.scheme": "Chỉ giao loại hình này: mandatory (bb, bắt buộc), voluntary (tn, tự nguyện) hoặc "
                            "unemployment (bhtn, thất nghiệp) (dùng được nhiều lần). Mặc định: mọi loại hình của "
                            "kế hoạch.",
    "help.allocate.method": "Phương pháp làm tròn: sainte-lague (webster), dhondt (jefferson), huntington-hill, "
                            "adams, hamilton (phần dư lớn nhất).",
    "help.allocate.basis": "eligible: theo tỷ lệ số người thuộc diện tham gia; headroom: phần tăng theo tỷ lệ số "
                           "người chưa tham gia.",
    "help.allocate.floor": "enrolled: không xã nào có chỉ tiêu thấp hơn số đang tham gia (mặc định khi bảng có "
                           "số đang tham gia; khi đó bảng phải có số này).",
    "help.allocate.no_floor": "Cho phép chỉ tiêu của xã thấp hơn số đang tham gia.",
    "help.allocate.explain": "Trình bày cách chia từng xã: thương số, số dư hoặc thứ tự được thêm người, giới hạn "
                             "và trường hợp bằng nhau.",
    "help.allocate.output": "Ghi ra tệp: .yaml (kế hoạch kèm danh sách xã), .xlsx, .csv, .json hoặc .md.",
    "help.allocate.force": "Ghi đè tệp đã có; giao lại cho kế hoạch đã có danh sách xã.",
    "help.gap": "Tiến độ thực hiện chỉ tiêu của từng xã: còn thiếu, tỷ lệ đạt, so với tiến độ; xã chậm tiến độ "
                "nhất đứng đầu.\n\n\b\nVí dụ:\n  bhxh gap -p kehoach.yaml -a baocao.csv\n"
                "  bhxh gap -p kehoach.yaml -a baocao.xlsx --previous kytruoc.xlsx --only behind",
    "help.gap.plan": "Tệp kế hoạch, có danh sách xã để so với --actual. Mặc định: kế hoạch năm 2020 có sẵn.",
    "help.gap.actual": "Báo cáo số tham gia của từng xã (CSV hoặc .xlsx): mã, tên, <loại hình>_enrolled.",
    "help.gap.as_of": "Ngày báo cáo (DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY hoặc YYYY-MM-DD), trong năm kế hoạch. Mặc "
                      "định: ngày ghi ở đầu báo cáo, nếu không có thì hôm nay (trong năm kế hoạch), nếu không thì "
                      "31/12.",
    "help.gap.previous": "Báo cáo kỳ trước, để so sánh mức thay đổi.",
    "help.gap.scheme": "Chỉ loại hình này: mandatory (bb, bắt buộc), voluntary (tn, tự nguyện) hoặc unemployment "
                       "(bhtn, thất nghiệp) (dùng được nhiều lần).",
    "help.gap.sort": "Thứ tự: shortfall (xã chậm tiến độ nhất trước), gap (còn thiếu), achieved (tỷ lệ đạt), code "
                     "(mã) hoặc name (tên).",
    "help.gap.only": "behind: chỉ các xã chậm tiến độ.",
    "help.gap.fail_on": "behind: mã thoát 1 nếu có xã chậm tiến độ; missing: mã thoát 1 nếu báo cáo thiếu xã của "
                        "kế hoạch (dùng được nhiều lần; cho việc chạy tự động theo lịch).",
    "help.gap.output": "Ghi ra tệp: .xlsx, .docx (dự thảo báo cáo), .csv, .json hoặc .md.",
    "help.gap.signer": "Phần ký của tệp .xlsx hoặc .docx, các dòng cách nhau bằng /: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH "
                       "/ họ tên'.",
    "help.milestones": "Lộ trình chỉ tiêu hằng năm từ số tham gia của năm gốc đến chỉ tiêu năm cuối (Nghị quyết "
                       "403/NQ-CP).\n\n\b\nVí dụ:\n  bhxh milestones --baseline 2025=21400 --target 2030=29500\n"
                       "  bhxh milestones --baseline 2025=21400 --target 2030=29500 -p kehoach.yaml --output-dir "
                       "kehoach",
    "help.milestones.baseline": "Năm gốc và số người tham gia năm đó, ví dụ 2025=21400.",
    "help.milestones.target": "Năm cuối và chỉ tiêu năm đó, ví dụ 2030=29500 (Nghị quyết 403/NQ-CP).",
    "help.milestones.method": "linear: mỗi năm tăng bằng nhau; growth: tốc độ tăng hằng năm không đổi.",
    "help.milestones.plan": "Kế hoạch dùng làm mẫu cho từng năm, cùng với --output-dir.",
    "help.milestones.output_dir": "Ghi plan_NĂM.yaml vào thư mục này cho mỗi năm của lộ trình.",
    "help.milestones.scheme": "Loại hình của kế hoạch nhận chỉ tiêu từng năm (cần khi kế hoạch có nhiều loại hình).",
    "help.milestones.force": "Ghi đè các tệp plan_NĂM.yaml đã có.",
    "help.plan": "Tệp kế hoạch: lập từ phụ biểu Excel của kế hoạch.",
    "help.plan_import": "Lập tệp kế hoạch từ phụ biểu của kế hoạch: tổng số, danh sách xã, số hiệu, ngày ban "
                        "hành, cơ quan ban hành và năm.\n\n\b\nVí dụ:\n  bhxh plan import phubieu.xlsx -o "
                        "kehoach.yaml\n  bhxh plan import phubieu.xls --year 2026 --number 45/KH-UBND",
    "help.plan_import.appendix": "Phụ biểu của kế hoạch: .xlsx, .xls hoặc CSV.",
    "help.plan_import.output": "Ghi kế hoạch vào tệp này (.yaml); mặc định: in ra màn hình.",
    "help.plan_import.number": "Số hiệu kế hoạch (ví dụ 45/KH-UBND), khi tiêu đề không ghi.",
    "help.plan_import.year": "Năm của chỉ tiêu, khi tiêu đề không ghi.",
    "help.plan_import.area": "Địa bàn (ví dụ 'Tỉnh Lai Châu'), khi cả tiêu đề và phần đầu đều không ghi.",
    "help.plan_import.date": "Ngày ban hành kế hoạch (DD/MM/YYYY).",
    "help.plan_import.issuer": "Cơ quan ban hành (ví dụ 'UBND tỉnh Lai Châu').",
    "help.schema": "In JSON Schema của định dạng tệp kế hoạch (cho trình soạn thảo và công cụ kiểm tra khác)."
                   "\n\n\b\nVí dụ:\n  bhxh schema > plan.schema.json\n  bhxh schema --plan-version 1",
    "help.schema.plan_version": "Phiên bản định dạng kế hoạch: 2 (mặc định) hoặc 1.",
    "cli.empty_option": "{option}: đang để trống; hãy ghi {expected}",
    "cli.expected.file": "tên tệp",
    "cli.expected.date": "ngày",
    "cli.expected.sheet": "tên trang tính",
    "cli.interrupted": "bhxh: đã dừng theo yêu cầu",
    "cli.internal_error": "bhxh: lỗi bên trong chương trình ({kind}: {error}); đây là lỗi của phần mềm, xin báo lại "
                          "(đặt BHXH_DEBUG=1 để xem chi tiết)",
    "cli.floor_conflict": "--floor enrolled và --no-floor trái ngược nhau; chỉ dùng một trong hai",
    # tệp đọc vào
    "file.missing": "{file}: không có tệp này",
    "file.denied": "{file}: không có quyền đọc tệp",
    "file.folder": "{file}: là thư mục, không phải tệp",
    "file.unreadable": "{file}: không đọc được ({reason})",
    "file.too_large": "tệp có {size} byte; không nhận {what} lớn hơn {megabytes} MB",
    "file.endless": "đã đọc hơn {limit} byte mà dữ liệu vẫn tiếp tục; không nhận {what} lớn hơn {megabytes} MB",
    # tệp ghi ra
    "output.unknown_extension": "{file}: không biết ghi dạng gì với đuôi tệp '{extension}'; hãy dùng một trong "
                                "các đuôi {extensions}",
    "output.folder": "{file}: là thư mục; hãy ghi tên tệp",
    "output.is_input": "{file}: là tệp đầu vào của lệnh này; hãy ghi kết quả ra tệp khác",
    "output.exists": "{file}: tệp đã có; thêm --force để ghi đè",
    "output.no_folder": "{file}: không có thư mục {folder}",
    "output.unwritable": "{file}: không ghi được ({reason})",
    "output.stream": "không ghi được ra {stream}: {reason}",
    "output.stdout": "đầu ra chuẩn",
    "output.stderr": "luồng lỗi chuẩn",
    "output.closed": "không ghi được ra {stream}: đã bị đóng",
    # không dấu: luồng lỗi có thể cũng không hiện được chữ có dấu
    "output.folded": "bhxh: luu y: dau ra chuan dung bang ma {encoding}, khong hien duoc moi ky tu; chu da bo dau "
                     "va ky hieu da duoc thay the; dat PYTHONIOENCODING=utf-8 (tren Windows, chay them chcp 65001) "
                     "de xem day du",
    "file.kind.tables": "bảng",
    "file.kind.plan files": "tệp kế hoạch",
    # khung của trang hướng dẫn
    "help.frame.usage": "Cách dùng:",
    "help.frame.arguments": "Tham số:",
    "help.frame.options": "Tùy chọn:",
    "help.frame.commands": "Lệnh:",
    "help.frame.default": "[mặc định: ",
    "help.frame.required": "[bắt buộc]",
    "help.frame.help": "Hiện hướng dẫn này rồi thoát.",
    "help.frame.plan_argument": "PLAN",
    'plan.empty': 'tệp không có nội dung YAML nào; hãy bắt đầu từ tệp mẫu data/plan_2020.yaml',
    'plan.alias': 'không được dùng tham chiếu (*{anchor}); hãy ghi thẳng giá trị',
    'plan.too_deep': 'giá trị lồng nhau quá {depth} cấp; kế hoạch chỉ có tối đa 4 cấp (danh sách xã, một xã, một loại hình, một số liệu)',
    'plan.anchor': 'không được dùng neo (&{anchor}); hãy ghi thẳng giá trị',
    'plan.tag': 'không được dùng thẻ kiểu ({tag}): kế hoạch chỉ có số liệu và chữ; hãy bỏ thẻ này',
    'plan.duplicate_key': "khóa '{key}' bị lặp (đã ghi ở dòng {line}); YAML sẽ lặng lẽ chỉ giữ giá trị cuối cùng",
    'plan.too_many.list': 'danh sách có hơn {count} mục; kế hoạch có tối đa {count} xã (cả nước có khoảng 10.600 xã)',
    'plan.too_many.mapping': 'bảng khóa có hơn {count} khóa; kế hoạch có tối đa {count} xã (cả nước có khoảng 10.600 xã)',
    'plan.trap.boolean': 'YAML 1.1 đọc \'{text}\' thành giá trị đúng/sai; hãy ghi true hoặc false, hoặc đặt trong ngoặc kép ("{text}") nếu là chữ',
    'plan.trap.digits': '{text} là số nguyên có {digits} chữ số; không có số người, năm hay phiên bản nào lớn như vậy (đặt trong ngoặc kép nếu là chữ, như mã)',
    'plan.trap.thousands': '{text} sẽ bị đọc thành số thập phân {decimal}, không phải {digits}: YAML không có dấu phân cách hàng nghìn; hãy ghi {digits}',
    'plan.trap.octal': '{text} bắt đầu bằng 0 nên YAML 1.1 đọc thành số hệ tám; hãy đặt mã trong ngoặc kép ("{text}") để giữ nguyên là chữ',
    'plan.trap.base': '{text} bị đọc thành số hệ mười sáu, hệ tám hoặc hệ nhị phân; hãy ghi số ở hệ thập phân, hoặc đặt trong ngoặc kép nếu là chữ',
    'plan.trap.underscore': "{text} là số có dấu phân cách '_'; hãy ghi {digits}",
    'plan.trap.sexagesimal': 'YAML 1.1 đọc {text} thành số hệ sáu mươi; hãy đặt trong ngoặc kép ("{text}") nếu là chữ',
    'plan.trap.date': '{text} không phải là ngày có thật; hãy ghi ngày theo dạng YYYY-MM-DD',
    'plan.trap.timestamp': '{text} bị đọc thành thời điểm (ngày giờ); hãy ghi ngày theo dạng YYYY-MM-DD hoặc đặt trong ngoặc kép',
    'plan.encoding.utf16': 'byte {byte} không phải văn bản UTF-8 (tệp UTF-16: hãy lưu lại dạng UTF-8)',
    'plan.encoding': 'byte {byte} không phải văn bản UTF-8 (có thể là bảng mã Windows-1258 hay bảng mã khác: hãy lưu lại dạng UTF-8)',
    'plan.syntax.invalid': 'không đúng cú pháp YAML',
    'plan.syntax': 'lỗi cú pháp YAML: {what}',
    'plan.character': 'YAML không cho phép ký tự {character} ({reason}); hãy xóa ký tự này',
    'plan.unreadable': 'YAML không đọc được tệp này: {reason}',
    'plan.enrolled_above_eligible': '{enrolled} lớn hơn số thuộc diện tham gia ({eligible}); chỉ tiêu không thể vượt số người thuộc diện',
    'plan.rate_without_eligible': 'kế hoạch ghi tỷ lệ {rate} nhưng số thuộc diện tham gia là 0 nên không có tỷ lệ; hãy xóa tỷ lệ này',
    'plan.rate_mismatch': '{rate} không khớp với số tham gia/số thuộc diện = {enrolled}/{eligible} = {exact}%; hãy ghi {rounded} hoặc sửa lại số liệu',
    'plan.baseline_above_eligible': '{baseline} lớn hơn số thuộc diện tham gia ({eligible}); số người tham gia không thể vượt số người thuộc diện',
    'plan.no_scheme': 'chưa có loại hình nào; hãy thêm ít nhất một trong mandatory (bắt buộc), voluntary (tự nguyện), unemployment (thất nghiệp)',
    'plan.duplicate_code': "mã '{code}' đã dùng cho communes[{first}] ({name}); mỗi xã một mã riêng",
    'plan.duplicate_name.code': "tên '{name}' đã dùng cho communes[{first}] (mã {code}); mỗi xã một tên riêng",
    'plan.duplicate_name': "tên '{name}' đã dùng cho communes[{first}]; mỗi xã một tên riêng, vì khi không có mã thì chỉ tên phân biệt các xã",
    'plan.missing_scheme': 'xã {commune} chưa có số liệu {scheme}; mỗi xã cần đủ các loại hình của huyện',
    'plan.unknown_scheme': 'kế hoạch của huyện không có loại hình {scheme}; hãy xóa ở đây hoặc thêm vào mục schemes',
    'plan.sum_mismatch.more': 'tổng {field} của các xã là {total}, nhiều hơn số của huyện ({expected}) {difference} người; tổng phải khớp đúng',
    'plan.sum_mismatch.fewer': 'tổng {field} của các xã là {total}, ít hơn số của huyện ({expected}) {difference} người; tổng phải khớp đúng',
    'plan.show.empty': 'ô trống',
    'plan.show.mapping': 'một bảng khóa',
    'plan.show.list': 'một danh sách',
    'plan.count.not_a_count': '{value} không phải là số người; hãy ghi số nguyên, ví dụ 15890',
    'plan.count.fraction.whole': '{value} không phải số nguyên; hãy ghi {whole}',
    'plan.count.fraction': '{value} không phải số nguyên; số người phải là số nguyên',
    'plan.count.long_text': '{value} là chữ gồm {digits} chữ số; không có số người nào lớn như vậy',
    'plan.count.text': '{value} là chữ, không phải số; hãy ghi {count}, không có ngoặc kép hay dấu phân cách',
    'plan.count.not_a_number': '{value} không phải là số; hãy ghi số nguyên, ví dụ 15890',
    'plan.count.empty': 'đang để trống; hãy ghi số nguyên, ví dụ 15890',
    'plan.count.not_whole': '{value} không phải số nguyên',
    'plan.missing_key': "thiếu '{key}'; hãy thêm {example}",
    'plan.unknown_key.invisible': "khóa '{key}' không hợp lệ: có ký tự ẩn {character}; hãy xóa ký tự này",
    'plan.unknown_key.close': "khóa '{key}' không hợp lệ; có phải là '{close}'?",
    'plan.unknown_key': "khóa '{key}' không hợp lệ; các khóa được dùng: {allowed}",
    'plan.version': 'không hỗ trợ phiên bản {value}; bhxh này đọc định dạng kế hoạch phiên bản 1 và 2',
    'plan.year': '{value} không phải là năm hợp lý; hãy ghi năm của chỉ tiêu, ví dụ 2020',
    'plan.negative': '{value} là số âm; số người là số nguyên từ 0 trở lên',
    'plan.rate_above': '{value} lớn hơn {most}; tỷ lệ là phần trăm',
    'plan.rate_not_a_number': '{value} không phải là số; hãy ghi tỷ lệ như trong văn bản, ví dụ 97.7',
    'plan.not_text': '{value} không phải là chữ; hãy đặt trong ngoặc kép (ví dụ "{text}")',
    'plan.empty_value': 'đang để trống; hãy ghi giá trị',
    'plan.not_a_date': '{value} không phải là ngày; hãy ghi YYYY-MM-DD (ví dụ 2020-03-15)',
    'plan.expected_mapping': 'cần một bảng khóa, nhưng có {value}',
    'plan.expected_list': 'cần một danh sách, nhưng có {value}',
    'plan.not_a_mapping': 'tệp kế hoạch là một bảng khóa gồm version, plan và schemes; tệp này có {value}',
}
