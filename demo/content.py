"""Names, places and words the demo data is made of: Emirati names, Sharjah areas, trade names, messages."""

from licenses.models import Status

FIRST_NAMES = [
    ("مريم", "Maryam"),
    ("فاطمة", "Fatima"),
    ("عائشة", "Aisha"),
    ("شما", "Shamma"),
    ("حصة", "Hessa"),
    ("موزة", "Moza"),
    ("نورة", "Noora"),
    ("ميثاء", "Maitha"),
    ("سلامة", "Salama"),
    ("روضة", "Rawda"),
    ("خولة", "Khawla"),
    ("أمل", "Amal"),
    ("ميرة", "Meera"),
    ("شيخة", "Shaikha"),
    ("علياء", "Alia"),
    ("منى", "Muna"),
    ("أحمد", "Ahmed"),
    ("سعيد", "Saeed"),
    ("خالد", "Khalid"),
    ("راشد", "Rashid"),
]
FATHER_NAMES = [
    ("محمد", "Mohammed"),
    ("أحمد", "Ahmed"),
    ("علي", "Ali"),
    ("سالم", "Salem"),
    ("عبدالله", "Abdullah"),
    ("راشد", "Rashid"),
    ("سعيد", "Saeed"),
    ("حمد", "Hamad"),
    ("خليفة", "Khalifa"),
    ("عبيد", "Obaid"),
]
FAMILY_NAMES = [
    ("الشامسي", "Al Shamsi"),
    ("الكتبي", "Al Ketbi"),
    ("النعيمي", "Al Nuaimi"),
    ("السويدي", "Al Suwaidi"),
    ("المهيري", "Al Mheiri"),
    ("الطنيجي", "Al Tunaiji"),
    ("الزعابي", "Al Zaabi"),
    ("الحمادي", "Al Hammadi"),
    ("المزروعي", "Al Mazrouei"),
    ("الظاهري", "Al Dhaheri"),
    ("الكعبي", "Al Kaabi"),
    ("النقبي", "Al Naqbi"),
    ("البلوشي", "Al Balushi"),
    ("العلي", "Al Ali"),
]
SHARJAH_AREAS = [
    "Al Khan",
    "Al Nahda",
    "Al Majaz",
    "Muwaileh",
    "Al Rahmaniya",
    "Al Suyoh",
    "Al Ramtha",
    "Al Qadisiya",
    "Khor Fakkan",
    "Kalba",
    "Dibba Al Hisn",
    "Al Dhaid",
    "Al Madam",
]
TRADE_NAMES = {
    "tayeb": [
        ("عطور الريم", "Al Reem Perfumes"),
        ("بخور الشيخة", "Al Shaikha Incense"),
        ("دخون الورد", "Dukhoon Al Ward"),
        ("عود الأصالة", "Oud Al Asala"),
        ("مخمرية ليان", "Layan Mukhammaria"),
    ],
    "atayeb": [
        ("حلويات أم سعيد", "Umm Saeed Sweets"),
        ("مخبوزات البيت", "Al Bait Bakery"),
        ("بهارات الجدة", "Grandmother's Spices"),
        ("مطبخ الفريج", "Al Fereej Kitchen"),
        ("لقيمات شما", "Shamma Luqaimat"),
    ],
    "ibdaa": [
        ("أنامل مبدعة", "Creative Fingers"),
        ("سدو الشارقة", "Sharjah Sadu"),
        ("هدايا ميرة", "Meera Gifts"),
        ("خزف الخان", "Al Khan Pottery"),
        ("شموع نورة", "Noora Candles"),
    ],
    "anaqa": [
        ("أزياء الوصايف", "Al Wasayef Fashion"),
        ("عبايات روضة", "Rawda Abayas"),
        ("تلي مريم", "Maryam Talli"),
        ("جلابيات حصة", "Hessa Jalabiyas"),
        ("كنادير الفخر", "Al Fakhr Kandoras"),
    ],
    "mohra": [
        ("خوص الجدات", "Grandmothers' Khoos"),
        ("سفافة الشارقة", "Sharjah Safafa"),
        ("تلي الإمارات", "Emirates Talli Craft"),
        ("قراقير البحر", "Al Bahr Qaraqir"),
        ("حرف الذيد", "Al Dhaid Crafts"),
    ],
}
PRODUCTS = {
    "tayeb": "Oud blends, perfume oils and dukhoon, sold at the centre's exhibitions and on Instagram.",
    "atayeb": "Traditional sweets, luqaimat and spice mixes, made to order for families and events.",
    "ibdaa": "Handmade gifts, candles and sadu weaving, sold at exhibitions and online.",
    "anaqa": "Abayas and jalabiyas sewn and embroidered at home, made to measure.",
    "mohra": "Khoos palm-frond baskets and talli braiding, heritage crafts for homes and festivals.",
}
# What the centre writes to the family, in the family's language.
CENTRE_MESSAGES = {
    Status.INFO_REQUESTED: (
        "يرجى رفع نسخة واضحة من المستند المطلوب وإعادة إرسال الطلب.",
        "Please upload a clear copy of the document asked for and send the application again.",
    ),
    Status.REJECTED: (
        "نأسف لعدم إمكان الموافقة على الطلب للسبب المذكور، ويسعدنا استقبال طلب جديد منكم بعد معالجته.",
        "We are sorry: the application cannot be accepted for the reason given. You are welcome to apply again.",
    ),
}
FAMILY_REPLY = ("تم رفع المستند المطلوب.", "The document is uploaded.")

# A small valid one-page PDF: every document of the demo set (the upload check reads the first bytes).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)

# The path to each status, from the draft's creation (the demo and the scale data sets walk the same paths).
PATHS = {
    Status.DRAFT: [Status.DRAFT],
    Status.SUBMITTED: [Status.DRAFT, Status.SUBMITTED],
    Status.UNDER_REVIEW: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW],
    Status.INFO_REQUESTED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED],
    Status.APPROVED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED],
    Status.ISSUED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED, Status.ISSUED],
    Status.REJECTED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.REJECTED],
    Status.WITHDRAWN: [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN],
}

# The centre's exhibitions and courses of the demo year (names in both languages; venues in Sharjah).
EXHIBITIONS = [
    ("معرض الأسر المنتجة الشتوي", "Productive Families Winter Fair"),
    ("أيام الشارقة التراثية", "Sharjah Heritage Days"),
    ("سوق رمضان للأسر المنتجة", "Ramadan Market of Productive Families"),
    ("معرض عطور وبخور الشارقة", "Sharjah Perfume and Incense Show"),
    ("مهرجان الأطايب", "Atayeb Food Festival"),
    ("معرض الحرف التراثية", "Heritage Crafts Exhibition"),
    ("سوق العيد", "Eid Market"),
    ("معرض الأناقة والأزياء", "Anaqa Fashion Show"),
    ("معرض العودة إلى المدارس", "Back to School Fair"),
    ("معرض إبداعات الأسر", "Family Creations Exhibition"),
    ("سوق الشتاء في القصباء", "Al Qasba Winter Souq"),
    ("معرض اليوم الوطني", "National Day Exhibition"),
    ("معرض الهدايا والمناسبات", "Gifts and Occasions Fair"),
    ("سوق الجبيل للأسر المنتجة", "Souq Al Jubail Family Market"),
    ("معرض ربيع الشارقة", "Sharjah Spring Fair"),
]
VENUES = [
    ("مركز إكسبو الشارقة", "Expo Centre Sharjah"),
    ("القصباء", "Al Qasba"),
    ("قلب الشارقة", "Heart of Sharjah"),
    ("مركز الجواهر للمناسبات", "Al Jawaher Reception and Convention Centre"),
    ("واجهة المجاز المائية", "Al Majaz Waterfront"),
]
# (title_ar, title_en, package code or None for every package, for licence holders only)
COURSES = [
    ("تسعير المنتجات المنزلية", "Pricing home-made products", None, False),
    ("سلامة الغذاء في المطبخ المنزلي", "Food safety in the home kitchen", "atayeb", False),
    ("تصوير المنتجات بالهاتف", "Photographing products with a phone", None, True),
    ("التسويق عبر وسائل التواصل الاجتماعي", "Selling on social media", None, True),
    ("تركيب العطور والدهون", "Blending perfumes and oils", "tayeb", True),
    ("التغليف والعلامة التجارية", "Packaging and branding", None, True),
    ("أساسيات المحاسبة للمشروع المنزلي", "Bookkeeping for a home business", None, False),
    ("فن السدو والتلي", "Sadu and talli crafts", "mohra", True),
    ("تصميم العباءات", "Designing abayas", "anaqa", True),
    ("خدمة العملاء في المعارض", "Serving customers at exhibitions", None, True),
    ("الحلويات الإماراتية للبيع", "Emirati sweets for sale", "atayeb", True),
    ("مشغولات الخوص", "Palm-frond crafts", "ibdaa", True),
    ("إدارة الطلبات عبر الإنترنت", "Managing online orders", None, False),
]
COURSE_DESCRIPTION = (
    "دورة مجانية يقدمها مركز إنتاج للأسر المنتجة، في جلسات قصيرة عملية.",
    "A free course of the Intaj productive families centre, in short practical sessions.",
)
EXHIBITION_DESCRIPTION = (
    "معرض لمنتجات الأسر المنتجة الحاصلة على رخصة «اعتماد»، مفتوح للجمهور.",
    "An exhibition of the products of families holding an Etimad licence, open to the public.",
)
DECLINE_REASON = (
    "المنتجات المقترحة لا تتوافق مع طابع المعرض.",
    "The products proposed do not suit this exhibition's theme.",
)

# The incubation follow-up: partner programmes, and what the centre's staff write at visits and calls (in Arabic,
# the language the centre's staff and families speak together).
PARTNERS = [
    ("صندوق الشارقة للمشاريع الصغيرة", "Sharjah Small Business Fund"),
    ("منصة السوق الإلكتروني للأسر المنتجة", "Productive Families Online Market"),
    ("برنامج التدريب على التصدير", "Export Readiness Programme"),
]
# (kind, days ago, staff notes, advice, next step, due in days after the visit; "" for none)
FOLLOW_UP_CONTACTS = [
    (
        "visit",
        45,
        "المطبخ نظيف ومرتب؛ الأسرة تحتاج إلى تحسين التغليف قبل المشاركة في المعارض.",
        "ننصح باستخدام علب موحدة تحمل الاسم التجاري، وتسجيل المبيعات يومياً في دفتر بسيط.",
        "طلب عينات علب التغليف من المورد",
        10,
    ),
    (
        "call",
        12,
        "الأسرة مهتمة بالبيع عبر الإنترنت؛ تحتاج إلى دعم في تصوير المنتجات.",
        "يمكن تصوير المنتجات في ضوء النهار على خلفية بيضاء، ونشر صورتين أسبوعياً على الأقل.",
        "إنشاء صفحة للمشروع على إنستغرام ونشر أول خمس صور",
        15,
    ),
    (
        "meeting",
        3,
        "",
        "تمت مراجعة الأسعار مع الأسرة: هامش الربح مناسب للعلب الصغيرة.",
        "",
        0,
    ),
]
# (title, days ago agreed, [(days ago, percent, note)])
FOLLOW_UP_GOALS = [
    ("البيع عبر الإنترنت", 45, [(30, 20, "تم اختيار المنصة"), (12, 50, "الصور الأولى جاهزة")]),
    ("خط إنتاج جديد للهدايا", 45, [(3, 10, "")]),
]
FOLLOW_UP_ANSWER = "تم استلام العينات واختيار العلبة المناسبة."
